#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build everything with AddressSanitizer and
# UndefinedBehaviorSanitizer, and run the whole test suite (unit and integration).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset test >/dev/null
cmake --build --preset test
ctest --preset test -j2
