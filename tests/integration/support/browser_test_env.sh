# Sourced by the scripts of the tests that drive headless Chromium (the console, the simulate
# report). Checks that node, npm and Debian's chromium are there and that the sample city was
# built, then installs the test's pinned npm packages (its package.json and package-lock.json) into
# the build tree — `npm ci` when they are absent or the lock file changed, never in the source tree.
#   browser_test_env TEST_NAME PACKAGE_DIR WORK_DIR CITY_GEOJSON
# Sets `chromium` (the browser's path) and `npm_dir` (WORK_DIR/npm, holding node_modules).
browser_test_env() {
  local name=$1 package_dir=$2 work=$3 city=$4 tool
  chromium=/usr/bin/chromium
  for tool in node npm; do
    if ! command -v "$tool" >/dev/null; then
      echo "$name: $tool is not installed (scripts/install-deps.sh installs it)" >&2
      exit 1
    fi
  done
  if [ ! -x "$chromium" ]; then
    echo "$name: $chromium is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
  if [ ! -f "$city" ]; then
    echo "$name: no sample city at $city (build the target caseflow_city)" >&2
    exit 1
  fi
  npm_dir="$work/npm"
  mkdir -p "$npm_dir"
  if [ ! -d "$npm_dir/node_modules/puppeteer-core" ] ||
     ! cmp -s "$package_dir/package-lock.json" "$npm_dir/package-lock.json"; then
    cp "$package_dir/package.json" "$package_dir/package-lock.json" "$npm_dir/"
    npm ci --prefix "$npm_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
      --prefer-offline >&2
  fi
}
