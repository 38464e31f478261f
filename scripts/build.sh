#!/usr/bin/env bash
# Configures and builds the Release tree in build/ (incremental after the first run).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
