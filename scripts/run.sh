#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job: LReg Studio on a built-in data set.
# With a display the app opens; without one, a headless run writes its figures to figures/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

dataset=${LREG_DATASET:-C}
studio=build/app/studio/lreg-studio
mkdir -p figures
if [[ -x "$studio" ]]; then
  if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    exec "$studio" --dataset "$dataset"
  fi
  echo "No display: running headless under Xvfb."
  xvfb-run -a -s "-screen 0 1280x800x24" "$studio" --dataset "$dataset" --iterations 30 \
    --screenshot figures/studio-"$dataset".png --size 1280x800 --model-out figures/model-"$dataset".json
  # The same for a 2D set: the fitted surface, and its mesh for ParaView.
  xvfb-run -a -s "-screen 0 1280x800x24" "$studio" --dataset A2 --iterations 15 \
    --screenshot figures/studio-A2.png --size 1280x800 --model-out figures/model-A2.json
  build/app/lreg export figures/model-A2.json --vtu figures/model-A2.vtu
  echo "Figures written to $(pwd)/figures/: studio-$dataset.png, model-$dataset.json," \
    "studio-A2.png, model-A2.json, model-A2.vtu"
else
  build/app/lreg generate "$dataset" --seed 1 --out figures/data-"$dataset"
  build/app/lreg fit figures/data-"$dataset"/train.csv --test figures/data-"$dataset"/test.csv \
    --dof 64 --model figures/model-"$dataset".json
fi
