#!/usr/bin/env bash
# Downloads, here (Debian's registry is reachable), the packages scripts/gpu-check.sh needs on a
# GPU machine that has a compiler, CMake and nvcc but no Debian packages and no network: the
# Eigen, CGAL and Boost headers (about 15 MB of .deb files; CGAL runs without GMP/MPFR there,
# on Boost.Multiprecision). They land in .deps/gpu/debs (git-ignored): carry .deps/gpu to the
# machine with the checkout. No root needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=$root/.deps/gpu/debs
mkdir -p "$dest"
cd "$dest"
packages=(libeigen3-dev libcgal-dev libboost1.74-dev)
for p in "${packages[@]}"; do
  if compgen -G "${p}_*.deb" >/dev/null; then continue; fi
  apt-get download "$p"
done
du -sh "$dest"
