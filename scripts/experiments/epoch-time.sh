#!/usr/bin/env bash
# Time per training step of each preset on setting (a), one run at a time on an otherwise idle
# machine: 60 steps of batch 64 each; docs/results.md turns the median into time per epoch.
set -euo pipefail
cd "$(dirname "$0")/../.."
for preset in kd cfl cka cka-no-intra cka-no-inter cka-no-align oracle; do
  npm run --silent amalgamate -- --preset "$preset" --teachers mnist-0-4,mnist-5-9 --data mnist \
    --seed 1 --transfer-limit 3840 --epochs 1 --out runs/timing > /dev/null
done
npm run --silent table -- runs/timing
