#!/usr/bin/env bash
# The report of `caseflow simulate` as a person meets it: the real binary simulates a week of the
# sample city twice (today's workflows, and a copy whose illegal-parking grid resolve clock is 1d
# instead of 7d), writes report.html and out.json; then headless Chromium opens the page
# (check_report.mjs, puppeteer-core pinned in package-lock.json) and checks it against the JSON.
#   run_browser_test.sh SOURCE_DIR WORK_DIR CASEFLOW CITY_GEOJSON
# WORK_DIR (in the build tree) gets the npm packages (`npm ci` when absent or when the lock file
# changed, never in the source tree), the world the run reads, the reports, and report.png: the
# screenshot of the page, kept as an artifact.
set -euo pipefail

source_dir=$1
work=$2
caseflow=$3
city=$4
here="$source_dir/tests/integration/simulate"
# shellcheck source=../support/browser_test_env.sh
source "$source_dir/tests/integration/support/browser_test_env.sh"
browser_test_env simulate_report_browser_test "$here" "$work" "$city"

# The world: the repository's workflows, calendars and units, the sample city, and B's workflows.
world="$work/world"
rm -rf "$world"
mkdir -p "$world"
cp -r "$source_dir/workflows" "$world/workflows"
cp -r "$source_dir/config/calendars" "$world/calendars"
cp "$source_dir/config/units.yaml" "$world/units.yaml"
ln -s "$(realpath "$city")" "$world/grids.geojson"
cp "$here/caseflow.yaml" "$world/caseflow.yaml"
cp -r "$source_dir/workflows" "$world/workflows-b"
# The first `limit: 7d` after `- level: grid` in parking.yaml is its grid stage's resolve clock
# (as docs/simulate.md).
sed -i '/- level: grid/,/limit: 7d/s/limit: 7d/limit: 1d/' "$world/workflows-b/parking.yaml"
if cmp -s "$world/workflows/parking.yaml" "$world/workflows-b/parking.yaml"; then
  echo "simulate_report_browser_test: parking.yaml has no 'limit: 7d' to shorten any more" >&2
  exit 1
fi

rm -f "$work/report.html" "$work/out.json" "$work/report.png"
# 2026-11-02 is a Monday: a working week, then the weekend.
"$caseflow" simulate --config "$world/caseflow.yaml" --load "$here/load.yaml" \
  --against "$world/workflows-b" --from 2026-11-02 --days 7 --seed 7 \
  --out "$work/report.html" --json "$work/out.json"

exec node "$here/check_report.mjs" --html "$work/report.html" --json "$work/out.json" \
  --screenshot "$work/report.png" --node-modules "$npm_dir/node_modules" \
  --chromium "$chromium" --expect-breach-change
