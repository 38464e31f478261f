#!/usr/bin/env bash
# Installs the build tree into a temporary prefix, checks what it holds (library, headers, CMake
# package, resources: samples, icon, desktop entry), builds examples/fit_from_cpp against it (a
# separate CMake project that sees only the installed package) and runs it on a generated set.
set -euo pipefail
build=$1
source=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >"$tmp/install.log"
for f in include/lreg/lreg.h include/lreg/version.h include/lreg/engine/mrc_engine.h \
         lib/cmake/lreg/lregConfig.cmake lib/cmake/lreg/lregTargets.cmake lib/liblreg.a bin/lreg; do
  [[ -e $prefix/$f ]] || { echo "FAIL: $f was not installed"; exit 1; }
done
# Internals stay out of the package: no private header, nothing of app/, render/ or tests/,
# and the parsers' libraries (nlohmann-json, CLI11) do not leak into the public headers.
if find "$prefix/include" -name 'basis1d.h' -o -name 'mrc1d.h' -o -name 'main_window.h' | grep -q .; then
  echo "FAIL: private headers were installed"; exit 1
fi
if grep -rlE '#include *[<"](nlohmann|CLI)/' "$prefix/include"; then
  echo "FAIL: a public header includes nlohmann-json or CLI11"; exit 1
fi

# resources/: the samples always; with the app, its icon and desktop entry.
for f in share/lreg/samples/B1.csv share/lreg/samples/C.csv share/lreg/samples/A2.csv; do
  [[ -s $prefix/$f ]] || { echo "FAIL: $f was not installed"; exit 1; }
done
"$prefix/bin/lreg" fit "$prefix/share/lreg/samples/B1.csv" --dof 16 --iterations 2 --quiet \
  >"$tmp/sample.txt" || { echo "FAIL: the installed sample does not fit"; exit 1; }
if [[ -x $prefix/bin/lreg-studio ]]; then
  icon=$prefix/share/icons/hicolor/scalable/apps/lreg-studio.svg
  desktop=$prefix/share/applications/lreg-studio.desktop
  [[ -s $icon && -s $desktop ]] || { echo "FAIL: icon or desktop entry not installed"; exit 1; }
  grep -q '<svg' "$icon" || { echo "FAIL: $icon is not an SVG"; exit 1; }
  # The entry names the installed program and the installed icon.
  grep -qx 'Exec=lreg-studio %f' "$desktop" && [[ -x $prefix/bin/$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop") ]] ||
    { echo "FAIL: Exec= of $desktop is not the installed lreg-studio"; exit 1; }
  [[ $(sed -n 's/^Icon=//p' "$desktop").svg == $(basename "$icon") ]] ||
    { echo "FAIL: Icon= of $desktop is not the installed icon"; exit 1; }
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || { echo "FAIL: desktop-file-validate"; exit 1; }
  else
    echo "SKIP: desktop-file-validate not installed (Debian desktop-file-utils); entry not validated"
  fi
fi

"$prefix/bin/lreg" generate B1 --seed 3 --out "$tmp/data" >/dev/null
cmake -S "$source/examples/fit_from_cpp" -B "$tmp/example" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/configure.log" || { cat "$tmp/configure.log"; exit 1; }
cmake --build "$tmp/example" >"$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }
"$tmp/example/fit_from_cpp" "$tmp/data/train.csv" "$tmp/model.json" | tee "$tmp/out.txt"
grep -q "32 nodes, train RMSE" "$tmp/out.txt" || { echo "FAIL: unexpected output"; exit 1; }

# The model it wrote is an ordinary model file: the installed CLI evaluates it.
"$prefix/bin/lreg" eval "$tmp/model.json" "$tmp/data/test.csv" --json >"$tmp/eval.json"
r2=$(sed -n 's/.*"r2": *\([-0-9.e]*\).*/\1/p' "$tmp/eval.json" | head -1)
awk -v r2="$r2" 'BEGIN { exit !(r2 > 0.9) }' || { echo "FAIL: test R2 $r2 <= 0.9"; cat "$tmp/eval.json"; exit 1; }
echo "PASS: installed package built and ran examples/fit_from_cpp (test R2 $r2)"
