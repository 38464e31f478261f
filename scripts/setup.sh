#!/usr/bin/env bash
# Installs the Debian packages LReg Studio needs, only those that are missing (idempotent).
#   scripts/setup.sh          what the build and the app need (the Python package's headers too)
#   scripts/setup.sh --test   also what the tests need (clang 14 with its sanitizer and libFuzzer
#                             runtimes for scripts/test-sanitizers.sh; desktop-file-validate; NumPy,
#                             scikit-learn, matplotlib, pandas, pytest and venv/pip for the Python suites)
#   scripts/setup.sh --bench  also the benchmark peers (numpy, scipy, scikit-learn, Google Benchmark, GNU time)
#                             and the Fashion-MNIST data (bench/connection_fashion.py)
set -euo pipefail

packages=(cmake g++ make qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev
          qt6-svg-dev libvtk9-dev libeigen3-dev libcgal-dev libcli11-dev nlohmann-json3-dev
          zlib1g-dev xvfb xauth libgl1-mesa-dri openmpi-bin libopenmpi-dev python3-dev
          pybind11-dev)
for flag in "$@"; do
  case $flag in
    --test) packages+=(clang-14 libclang-rt-14-dev libfuzzer-14-dev desktop-file-utils python3-numpy
                       python3-sklearn python3-matplotlib python3-pandas python3-pytest python3-venv
                       python3-pip python3-setuptools python3-wheel) ;;
    --bench) packages+=(python3-numpy python3-scipy python3-sklearn libbenchmark-dev time
                        dataset-fashion-mnist) ;;
    *) echo "setup: unknown option $flag" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
