#!/usr/bin/env bash
# The CUDA backend, verified on a GPU machine that has a compiler, CMake and nvcc but no Debian
# packages and no network. Builds lreg_core, the CLI, the CUDA-vs-CPU checks
# (tests/cuda/test_cuda_backend, no Qt) and the CUDA benchmark (bench/cuda/lreg_cuda_bench) with
# only the headers in .deps/gpu (Eigen, CGAL, Boost, nlohmann-json, CLI11, zlib: .deb files from
# scripts/gpu-deps.sh, unpacked into .deps/gpu/prefix), runs the checks and the benchmark (10^7
# and 10^8 points), and writes everything to one results file. All inside 8 minutes. Without a usable GPU the checks
# skip with the reason; the script says so and exits 0.
#
#   scripts/gpu-check.sh [--build DIR] [--out FILE] [--points 1e7,1e8] [--jobs N] [--budget S]
#
# Results: FILE, else $OUT/gpu-check.md when $OUT is set (the device tool's folder), else
# DIR/gpu-check.md (DIR defaults to build-gpu). Exit status: 0 when the build worked and no
# check failed (or none could run), 1 otherwise.
# With the device tool: run(command="scripts/gpu-check.sh", carry=[".deps/gpu"]).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-gpu
out=""
points=1e7,1e8
jobs=$(nproc 2>/dev/null || echo 4)
budget=480
while (($#)); do
  case $1 in
    --build) build=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --points) points=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;  # seconds for everything (default 480)
    *) echo "gpu-check: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n $out ]] || out=${OUT:+$OUT/gpu-check.md}
[[ -n $out ]] || out=$build/gpu-check.md
mkdir -p "$build" "$(dirname "$out")"
deps=$root/.deps/gpu
prefix=$deps/prefix
start=$SECONDS
status=0

say() { echo "gpu-check: $*" >&2; }
left() { echo $((budget - (SECONDS - start))); }
section() { printf '\n## %s\n\n' "$1" >>"$out"; }
fenced() { printf '```\n' >>"$out"; cat >>"$out"; printf '```\n' >>"$out"; }

# Runs "$@" with at most the time left (minus a reserve for what follows), output to $log.
timed() {
  local reserve=$1
  shift
  local limit=$(($(left) - reserve))
  ((limit > 10)) || limit=10
  timeout "$limit" "$@" >"$log" 2>&1
}

printf '# GPU check (%s)\n\nCommand: `scripts/gpu-check.sh --points %s`\n' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$points" >"$out"

# 1. The headers the build needs, from the .deb files: dpkg -x where there is dpkg, else the
#    .deb's ar archive and its data.tar.xz (tar, or Python's tarfile where tar has no xz).
unpack() {
  local deb=$1
  if command -v dpkg >/dev/null 2>&1; then
    dpkg -x "$deb" "$prefix"
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && ar x "$deb") || say "cannot open $deb (no dpkg, no ar)"
  tar -xf "$tmp"/data.tar.* -C "$prefix" 2>/dev/null ||
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' \
      "$tmp"/data.tar.* "$prefix" || say "cannot unpack $deb"
  rm -rf "$tmp"
}
if ! compgen -G "$deps/debs/*.deb" >/dev/null || ! compgen -G "$deps/debs/libcli11-dev_*.deb" >/dev/null; then
  if command -v apt-get >/dev/null 2>&1; then
    say "no .deb files in $deps/debs: downloading them (scripts/gpu-deps.sh)"
    "$root/scripts/gpu-deps.sh" >&2 || say "download failed"
  fi
fi
# The prefix is unpacked again whenever the set of .deb files changed (its list is the marker).
debs=$(cd "$deps/debs" 2>/dev/null && ls ./*.deb 2>/dev/null)
if [[ ! -f $prefix/.unpacked || $(cat "$prefix/.unpacked") != "$debs" ]]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  for deb in "$deps"/debs/*.deb; do
    [[ -f $deb ]] && unpack "$deb"
  done
  # Absolute links (libz.so -> /lib/.../libz.so.1.2.13) point into the prefix instead.
  find "$prefix" -type l -lname '/*' | while read -r link; do
    target=$(readlink "$link")
    [[ -e $prefix$target ]] && ln -sfn "$prefix$target" "$link"
  done
  echo "$debs" >"$prefix/.unpacked"
fi
config() {  # the folder of a CMake package file under the prefix, or nothing
  local f
  f=$(find "$prefix" -name "$1" 2>/dev/null | head -1)
  [[ -n $f ]] && dirname "$f"
}
eigen=$(config Eigen3Config.cmake)
cgal=$(config CGALConfig.cmake)
boost=$(config BoostConfig.cmake)
json=$(config nlohmann_jsonConfig.cmake)
cli11=$(config CLI11Config.cmake)
zlib=$(find "$prefix" -name zlib.h 2>/dev/null | head -1)
payload=$(du -sh "$deps/debs" 2>/dev/null | cut -f1)

# 2. The toolchain and the GPU.
nvcc=$(command -v nvcc || true)
[[ -n $nvcc ]] || { [[ -x /usr/local/cuda/bin/nvcc ]] && nvcc=/usr/local/cuda/bin/nvcc; }
gpu="none"
arch="80;90"
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  gpu=$(nvidia-smi -L | head -1)
  cap=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d ' .')
  [[ $cap =~ ^[0-9]+$ ]] && arch=$cap
fi
section "Machine"
{
  echo "- host: $(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null)"
  echo "- GPU: $gpu"
  [[ $gpu != none ]] && echo "- driver: $(nvidia-smi --query-gpu=driver_version,memory.total --format=csv,noheader | head -1)"
  echo "- nvcc: ${nvcc:-not found}${nvcc:+ ($("$nvcc" --version | tail -1))}"
  echo "- cmake: $(cmake --version 2>/dev/null | head -1)"
  echo "- C++: $(${CXX:-c++} --version 2>/dev/null | head -1)"
  found() { [[ -n $1 ]] && echo found || echo MISSING; }
  echo "- headers from .deps/gpu ($payload of .deb files): Eigen $(found "$eigen"), CGAL $(found "$cgal"), Boost $(found "$boost"), nlohmann-json $(found "$json"), CLI11 $(found "$cli11"), zlib $(found "$zlib")"
} >>"$out"
say "GPU: $gpu; nvcc: ${nvcc:-not found}; CUDA architectures: $arch"

# 3. Configure and build: no Qt, no MPI, no GUI; CGAL without GMP (Boost.Multiprecision).
section "Build"
log=$build/configure.log
cuda=(-DLREG_ENABLE_CUDA=OFF)
[[ -n $nvcc ]] && cuda=(-DLREG_ENABLE_CUDA=ON -DCMAKE_CUDA_COMPILER="$nvcc"
                        -DCMAKE_CUDA_ARCHITECTURES="$arch")
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
                                              -DCMAKE_CUDA_COMPILER_LAUNCHER=ccache)
t0=$SECONDS
timed 300 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLREG_BUILD_GUI=OFF \
  -DLREG_BUILD_QT_TESTS=OFF -DLREG_ENABLE_MPI=OFF -DCGAL_DISABLE_GMP=ON \
  -DCMAKE_PREFIX_PATH="$prefix/usr" -DCMAKE_FIND_ROOT_PATH="$prefix" \
  ${eigen:+-DEigen3_DIR="$eigen"} ${cgal:+-DCGAL_DIR="$cgal"} ${boost:+-DBoost_DIR="$boost"} \
  ${json:+-Dnlohmann_json_DIR="$json"} ${cli11:+-DCLI11_DIR="$cli11"} \
  "${cuda[@]}" "${launcher[@]}"
configured=$?
built=1
if ((configured == 0)); then
  log=$build/build.log
  timed 150 cmake --build "$build" -j "$jobs" --target lreg_core lreg test_cuda_backend \
    lreg_cuda_bench
  built=$?
fi
if ((configured != 0 || built != 0)); then
  echo "FAILED after $((SECONDS - t0)) s ($([[ $configured != 0 ]] && echo configure || echo build)); the last lines:" >>"$out"
  tail -40 "$log" | fenced
  say "build failed: see $out"
  exit 1
fi
cuda_built=no
grep -q "LReg CUDA backend: ON" "$build/configure.log" && cuda_built="yes, for architectures $arch"
echo "OK in $((SECONDS - t0)) s: lreg_core, lreg, test_cuda_backend, lreg_cuda_bench (CUDA compiled in: $cuda_built)." >>"$out"
say "built in $((SECONDS - t0)) s"

# 4. What the CLI sees.
section '`lreg info --json`'
"$build/app/lreg" info --json 2>&1 | fenced

# 5. The CUDA-vs-CPU checks.
section "CUDA against the CPU (tests/cuda/test_cuda_backend)"
log=$build/checks.log
timed 120 "$build/tests/cuda/test_cuda_backend"
checks=$?
fenced <"$log"
case $checks in
  0) verdict="all CUDA checks passed" ;;
  77) verdict="no usable GPU: the CUDA checks were skipped ($(grep -m1 SKIP "$log" | sed 's/^SKIP *: [^:]*: //'))" ;;
  124) verdict="the CUDA checks ran out of time"; status=1 ;;
  *) verdict="CUDA checks FAILED (status $checks)"; status=1 ;;
esac
say "$verdict"

# 6. The benchmark: 10^7 and 10^8 points (a whole fit at 10^7). Without a GPU there are only CPU
#    figures to take: 10^6 points do.
log=$build/bench.log
fit=1e7
((checks == 77)) && points=1e6 && fit=1e6
timed 5 "$build/bench/cuda/lreg_cuda_bench" --points "$points" --fit-points "$fit"
bench=$?
printf '\n' >>"$out"
cat "$log" >>"$out"
((bench == 0)) || {
  echo "(the benchmark stopped: status $bench$([[ $bench == 124 ]] && echo ', out of time'))" >>"$out"
  status=1
}

section "Verdict"
echo "$verdict; $((SECONDS - start)) s in all." >>"$out"
say "$verdict; results in $out ($((SECONDS - start)) s)"
exit $status
