#!/usr/bin/env bash
# Checks docs/asyncapi.yaml with the AsyncAPI parser pinned in tests/contract/package.json.
#   check_asyncapi.sh SOURCE_DIR NPM_DIR
# NPM_DIR (in the build tree) gets package.json, package-lock.json and node_modules: `npm ci` runs
# there when node_modules is absent or the lock file changed, never in the source tree.
set -euo pipefail

source_dir=$1
npm_dir=$2
here="$source_dir/tests/contract"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "check_asyncapi: $tool is not installed (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done

mkdir -p "$npm_dir"
if [ ! -d "$npm_dir/node_modules/@asyncapi/parser" ] ||
   ! cmp -s "$here/package-lock.json" "$npm_dir/package-lock.json"; then
  cp "$here/package.json" "$here/package-lock.json" "$npm_dir/"
  npm ci --prefix "$npm_dir" --no-audit --no-fund --ignore-scripts --loglevel=error \
    --prefer-offline >&2
fi

exec node "$here/check_asyncapi.mjs" "$source_dir/docs/asyncapi.yaml" "$npm_dir/node_modules"
