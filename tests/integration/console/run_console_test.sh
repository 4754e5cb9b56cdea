#!/usr/bin/env bash
# The console as a grid worker, the dispatcher and an admin meet it (console_test.mjs): the real
# binary runs the sample workflows and city on its embedded broker; a case reported through
# Open311 with the resident's phone is signed, its phone shown and the case resolved through the
# page, a returned one assigned from the dispatcher's queue, and a broken then fixed workflow file
# reloaded from the workflows page, in headless Chromium (puppeteer-core pinned in
# package-lock.json).
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
# shellcheck source=../support/browser_test_env.sh
source "$source_dir/tests/integration/support/browser_test_env.sh"
browser_test_env console_browser_test "$here" "$work" "$city"

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
  --token ct-grid-g00001 --other-token ct-grid-g00002 --viewer-token ct-viewer \
  --dispatcher-token ct-dispatcher --admin-token ct-admin --workflows "$world/workflows" \
  --out "$work" --node-modules "$npm_dir/node_modules" \
  --chromium "$chromium"
