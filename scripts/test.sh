#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite: the default build's suites (core,
# CLI, package, GUI under Xvfb), then the sanitizer stage (scripts/test-sanitizers.sh: ASan+UBSan
# with the fuzz targets, TSan for the threaded parts). Arguments go to the default build's ctest;
# LREG_SANITIZERS=1 adds the sanitizer stage.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
ctest --preset default "$@"
if [[ "${LREG_SANITIZERS:-0}" != 0 ]]; then
  scripts/test-sanitizers.sh
fi
