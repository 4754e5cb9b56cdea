#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build everything with AddressSanitizer and
# UndefinedBehaviorSanitizer, and run the whole test suite (unit and integration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# ccache: share hits between clones in different folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset test >/dev/null
cmake --build --preset test
ctest --preset test -j2
