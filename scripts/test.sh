#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite (GUI suites under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
ctest --preset default "$@"
