#!/usr/bin/env bash
# The sanitizer stage of scripts/test.sh (clang 14):
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer build of the core, engine and CLI suites,
#         which also runs every libFuzzer target for LREG_FUZZ_SECONDS (default 17) each (7 targets: under 2 minutes);
#   tsan  ThreadSanitizer build running the threaded parts: the parallel data passes and the
#         app's worker and background jobs (studio suites under Xvfb).
#   scripts/test-sanitizers.sh [asan] [tsan]     (both when none is named)
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
((${#stages[@]})) || stages=(asan tsan)
jobs=$(nproc)
for stage in "${stages[@]}"; do
  start=$SECONDS
  cmake --preset "$stage" -DLREG_FUZZ_SECONDS="${LREG_FUZZ_SECONDS:-17}" >/dev/null
  cmake --build --preset "$stage" -j "$jobs"
  built=$SECONDS
  ctest --preset "$stage" -j "$jobs"
  echo "sanitizers: $stage built in $((built - start)) s, tested in $((SECONDS - built)) s"
done
