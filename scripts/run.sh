#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build the engine (release), and run it on its
# embedded Kafka broker with the sample workflows. Extra arguments go to `caseflow run`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target caseflow caseflow_city
exec build/release/app/caseflow run --config config/caseflow.yaml "$@"
