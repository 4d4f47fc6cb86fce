#!/usr/bin/env bash
# Reproduces docs/results.md: every preset on the four settings, seeds 1-3, 200 steps of batch 64
# (12,800 transfer images, one epoch) each. Usage: results-table.sh [preset ...] (default: all).
# SETTINGS_MATCHING=<text> runs only the settings whose flags contain it.
# Records go to runs/results/; then `npm run table -- runs/results --out docs/results-table.md`.
set -euo pipefail
cd "$(dirname "$0")/../.."
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(kd cfl cka cka-no-intra cka-no-inter cka-no-align oracle)
budget=(--transfer-limit 12800 --epochs 1 --out runs/results)
settings=(
  "--teachers mnist-0-4,mnist-5-9 --data mnist --task-mode joint"
  "--teachers mnist-0-4-oe,mnist-5-9-oe --data mnist --task-mode joint"
  "--teachers fashion-0-4,fashion-5-9 --data fashion-mnist --task-mode joint"
  "--teachers mnist-all,fashion-all --data mnist+fashion-mnist --task-mode multi-head"
  "--teachers mnist-all,fashion-all --data mnist+fashion-mnist --task-mode joint"
  "--teachers mnist-0-3,mnist-3-6,mnist-6-9 --data mnist --task-mode joint"
)
for preset in "${presets[@]}"; do
  for setting in "${settings[@]}"; do
    [[ "$setting" == *"${SETTINGS_MATCHING:-}"* ]] || continue
    for seed in 1 2 3; do
      # shellcheck disable=SC2086 # a setting is a list of flags
      npm run --silent amalgamate -- --preset "$preset" $setting --seed "$seed" "${budget[@]}" > /dev/null
      echo "done: $preset $setting seed $seed"
    done
  done
done
