#!/usr/bin/env bash
# The console as a grid worker meets it (console_test.mjs): the real binary runs the sample
# workflows and city on its embedded broker; a case reported through Open311 is signed and
# resolved through the page in headless Chromium (puppeteer-core pinned in package-lock.json).
#   run_console_test.sh SOURCE_DIR WORK_DIR CASEFLOW CITY_GEOJSON
# WORK_DIR (in the build tree) gets the npm packages (`npm ci` when absent or when the lock file
# changed, never in the source tree), the world the engine reads, its log (caseflow.log) and the
# screenshots of each page (*.png), kept as artifacts.
set -euo pipefail

source_dir=$1
work=$2
caseflow=$3
city=$4
here="$source_dir/tests/integration/console"
chromium=/usr/bin/chromium

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "console_browser_test: $tool is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done
if [ ! -x "$chromium" ]; then
  echo "console_browser_test: $chromium is not installed (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
if [ ! -f "$city" ]; then
  echo "console_browser_test: no sample city at $city (build the target caseflow_city)" >&2
  exit 1
fi

npm_dir="$work/npm"
mkdir -p "$npm_dir"
if [ ! -d "$npm_dir/node_modules/puppeteer-core" ] ||
   ! cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  npm ci --prefix "$npm_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    --prefer-offline >&2
fi

# The world: the repository's workflows, calendars and units, and the sample city.
world="$work/world"
rm -rf "$world"
mkdir -p "$world"
cp -r "$source_dir/workflows" "$world/workflows"
cp -r "$source_dir/config/calendars" "$world/calendars"
cp "$source_dir/config/units.yaml" "$world/units.yaml"
ln -s "$(realpath "$city")" "$world/grids.geojson"
cp "$here/caseflow.yaml" "$world/caseflow.yaml"
rm -f "$work"/*.png "$work/caseflow.log"

# console_test.mjs starts the engine itself, so it can read the banner and stop it at the end.
exec node "$here/console_test.mjs" --caseflow "$caseflow" --config "$world/caseflow.yaml" \
  --token console-test-admin-token --out "$work" --node-modules "$npm_dir/node_modules" \
  --chromium "$chromium"
