#!/usr/bin/env bash
# Runs scripts/gpu-check.sh here as it would run on a bare GPU machine: in a private mount
# namespace (root, `unshare -m`) where the Debian packages that machine lacks are hidden (Eigen,
# CGAL, Boost, GMP, MPFR, Qt, MPI, nlohmann-json, CLI11 and zlib headers and CMake packages), so
# the build can only find what .deps/gpu brings. (Shared libraries stay, libz.so included: CMake
# itself needs some.) Arguments go to
# gpu-check.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec unshare -m --propagation private bash -s -- "$root" "$@" <<'INNER'
set -euo pipefail
root=$1
shift
empty=$(mktemp -d)
poison=$(mktemp)
echo '#error hidden: not on the bare GPU machine' >"$poison"
hide() {
  for p in "$@"; do
    if [[ -d $p ]]; then mount --bind "$empty" "$p"; elif [[ -e $p ]]; then mount --bind "$poison" "$p"; fi
  done
}
lib=/usr/lib/x86_64-linux-gnu
hide /usr/include/eigen3 /usr/include/CGAL /usr/include/boost /usr/share/eigen3 \
  /usr/include/x86_64-linux-gnu/gmp.h /usr/include/gmpxx.h /usr/include/mpfr.h \
  /usr/include/x86_64-linux-gnu/qt6 $lib/openmpi/include /usr/include/nlohmann /usr/include/CLI \
  /usr/include/zlib.h /usr/share/cmake/nlohmann_json /usr/share/cmake/CLI11 \
  $lib/cmake/CGAL $lib/cmake/Boost-* $lib/cmake/boost_* $lib/cmake/Qt6* $lib/cmake/eigen3
for p in /usr/include/eigen3/Eigen/Core /usr/include/CGAL/config.h /usr/include/boost/version.hpp \
  /usr/include/nlohmann/json.hpp /usr/include/CLI/CLI.hpp /usr/include/zlib.h; do
  # Hidden: gone (its folder emptied) or the poison file bound over it.
  [[ ! -s $p ]] || cmp -s "$p" "$poison" || { echo "gpu-check-bare: $p still visible" >&2; exit 1; }
done
echo "gpu-check-bare: Eigen, CGAL, Boost, GMP, MPFR, Qt, MPI, nlohmann-json, CLI11 and zlib headers hidden" >&2
exec "$root/scripts/gpu-check.sh" "$@"
INNER
