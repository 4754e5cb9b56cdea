#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build the engine (release), and run it on its
# embedded Kafka broker in demo mode: the demo city and workflows (short clocks), simulated
# complaints and units, so warnings, escalations and supervision show within two minutes.
# Extra arguments go to `caseflow run` (e.g. --config config/caseflow.yaml for the sample
# workflows and the 16,000-grid sample city without the demo).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# ccache: share hits between clones in different folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release --target caseflow caseflow_city
exec build/release/app/caseflow run --demo "$@"
