#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (docs/fuzzing.md): installs clang and libFuzzer if
# missing, configures the `fuzz` preset (build/fuzz), builds the targets asked for and runs each
# for SECONDS on its seed corpus and dictionary. New inputs and crash files go to a scratch folder
# ($CASEFLOW_FUZZ_WORK, default /tmp/caseflow-fuzz), never into the repository. An input that
# runs longer than $CASEFLOW_FUZZ_TIMEOUT seconds (default 10) counts as a hang; raise it on a
# machine busy with other work, where a starved fuzzer reports hangs that replay in milliseconds.
#
#   scripts/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]      e.g. scripts/fuzz.sh 180 case_event workflow
#
# Prints one line per target: executions, executions per second, coverage (libFuzzer's cov and
# ft) and the crash file if there was one. Exit status 1 when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
all_targets=(case_event workflow calendar unit_directory boundaries load_model changelog_state
             open311 http_request)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [ -d "tests/fuzz/corpus/$t" ] || { echo "fuzz.sh: no target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done

# clang and libFuzzer (libclang_rt.fuzzer*.a is in libclang-rt-14-dev), besides the libraries
# every build needs.
bash scripts/install-deps.sh
missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "fuzz.sh: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 1
  fi
  echo "fuzz.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target "${targets[@]/%/_fuzz}"

work=${CASEFLOW_FUZZ_WORK:-/tmp/caseflow-fuzz}
run=$(date -u +%Y%m%dT%H%M%SZ)  # crash files of this run only
crashed=0
summary=()
for t in "${targets[@]}"; do
  crashes="$work/crashes/$run/$t"
  mkdir -p "$work/corpus/$t" "$crashes"
  log="$work/$t.log"
  dict=()
  [ -f "tests/fuzz/dict/$t.dict" ] && dict=("-dict=tests/fuzz/dict/$t.dict")
  echo "fuzz.sh: $t for ${seconds}s (log $log)" >&2
  # The scratch corpus comes first: libFuzzer writes what it finds into the first folder only.
  status=0
  nice -n 10 "build/fuzz/tests/fuzz/${t}_fuzz" -max_total_time="$seconds" \
    -timeout="${CASEFLOW_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$crashes/" "$work/corpus/$t" "tests/fuzz/corpus/$t" \
    >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  crash=$(ls -t "$crashes" | head -n1)
  line=$(printf '%-16s execs %-10s exec/s %-7s cov %-6s ft %-6s' "$t" "${execs:-?}" "${rate:-?}" \
         "${cov:-?}" "${ft:-?}")
  if [ "$status" -ne 0 ] || [ -n "$crash" ]; then
    crashed=1
    line+=" CRASH ${crash:+$crashes/$crash} (exit $status; see $log)"
  fi
  summary+=("$line")
done
printf '%s\n' "${summary[@]}"
exit $crashed
