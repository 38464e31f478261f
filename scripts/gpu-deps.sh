#!/usr/bin/env bash
# Downloads, here (Debian's registry is reachable), the packages scripts/gpu-check.sh needs on a
# GPU machine that has a compiler, CMake and nvcc but no Debian packages and no network: the
# Eigen, CGAL, Boost, nlohmann-json and CLI11 headers and zlib (headers and library; about 16 MB
# of .deb files; CGAL runs without GMP/MPFR there, on Boost.Multiprecision). They land in .deps/gpu/debs (git-ignored): carry .deps/gpu to the
# machine with the checkout. No root needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/.deps/gpu/debs
mkdir -p "$dest"
cd "$dest"
packages=(libeigen3-dev libcgal-dev libboost1.74-dev nlohmann-json3-dev libcli11-dev zlib1g-dev zlib1g)
for p in "${packages[@]}"; do
  if compgen -G "${p}_*.deb" >/dev/null; then continue; fi
  apt-get download "$p"
done
du -sh "$dest"
