#!/usr/bin/env bash
# The console benchmark (README.md here): console_load_server from BUILD_DIR serves the sample
# city with 100,000 open cases, console_bench.mjs measures the API and the pages in headless
# Chromium. Builds nothing: build the targets console_load_server and caseflow_city first.
#   run_console_bench.sh BUILD_DIR [--runs N] [--trace DIR]
# puppeteer-core is the console test's pinned version (tests/integration/console/package.json and
# its lock file), installed with `npm ci` into BUILD_DIR/bench/console/npm, never into the source.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: run_console_bench.sh BUILD_DIR [--runs N] [--trace DIR]" >&2
  exit 2
fi
build=$(realpath "$1")
shift
source_dir=$(realpath "$(dirname "${BASH_SOURCE[0]}")/../..")
server="$build/bench/console/console_load_server"
city="$build/city/grids.geojson"
if [ ! -x "$server" ]; then
  echo "run_console_bench: no $server (build the target console_load_server)" >&2
  exit 1
fi
# shellcheck source=../../tests/integration/support/browser_test_env.sh
source "$source_dir/tests/integration/support/browser_test_env.sh"
browser_test_env console_bench "$source_dir/tests/integration/console" "$build/bench/console" "$city"

exec node "$source_dir/bench/console/console_bench.mjs" --server "$server" --source "$source_dir" \
  --city "$city" --node-modules "$npm_dir/node_modules" --chromium "$chromium" "$@"
