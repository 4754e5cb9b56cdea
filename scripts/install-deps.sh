#!/usr/bin/env bash
# Installs every Debian bookworm package that building, testing and running caseflow needs.
# Idempotent and silent when everything is already there.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config git ca-certificates
  # libraries
  librdkafka-dev libyaml-cpp-dev prometheus-cpp-dev libboost1.81-dev libboost-json1.81-dev
  libcli11-dev libhowardhinnant-date-dev tzdata
  # credentials of the HTTP API: SHA-256 of static tokens, JWT signatures (docs/security.md)
  libssl-dev
  # the case archive: SQLite (embedded default) and PostgreSQL (libpq; the server for its tests)
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev kcat prometheus procps
  curl  # the demo test runs the banner's curl line as printed
  # workflows/schema.json agreement test (tests/unit/engine/definition)
  python3 python3-yaml python3-jsonschema
  # examples/department and its test (tests/examples)
  python3-confluent-kafka
  chromium  # the simulate report opened in headless Chromium (tests/integration/simulate)
  fonts-wqy-microhei  # a CJK font, so the report's Chinese labels render in headless Chromium
)
# docs/asyncapi.yaml agreement test (tests/contract): node and npm run the AsyncAPI parser. Debian's
# packages only when none is on PATH: nodesource's nodejs, for one, brings its own npm, and
# Debian's npm package would conflict with it.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "caseflow: these packages are missing and installing them needs root: ${missing[*]}" >&2
  exit 1
fi
echo "caseflow: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
