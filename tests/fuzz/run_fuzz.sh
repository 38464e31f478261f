#!/usr/bin/env bash
# Runs one fuzz target for a bounded time over a scratch copy of its seed corpus (the corpus in
# the source tree is never modified) and fails on any finding: a crash, a sanitizer report, a
# timeout, an over-limit allocation or an uncaught exception.
#   run_fuzz.sh TARGET_BINARY SEED_DIR SECONDS [extra libFuzzer flags]
set -euo pipefail
binary=$1
seeds=$2
seconds=$3
shift 3
work=$(mktemp -d)
# The targets write each input (and round trips, flushed to disk by the atomic writers) to
# TMPDIR: in memory where there is a tmpfs, or the fsyncs dominate the run.
scratch=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work" "$scratch"' EXIT
mkdir -p "$work/corpus" "$work/artifacts"
cp -r "$seeds"/. "$work/corpus/"
export TMPDIR=$scratch
set +e
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" \
  "$work/corpus" >"$work/log.txt" 2>&1
status=$?
set -e
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" "$work/log.txt" || true
if ((status != 0)); then
  tail -n 60 "$work/log.txt"
  for a in "$work"/artifacts/*; do
    [[ -e $a ]] || continue
    echo "--- finding $(basename "$a") (base64):"
    base64 -w 0 "$a"
    echo
  done
  echo "FAIL: $(basename "$binary") reported a finding (exit $status)"
  exit 1
fi
echo "PASS: $(basename "$binary"), no finding in ${seconds} s"
