#!/usr/bin/env bash
# The sweep that chose CKA's default loss weights (docs/results.md, "Choosing the defaults").
# Setting (a), seed 100 (not one of the table's seeds), 200 steps of batch 64; one weight moved
# at a time from the base point. Records go to runs/sweep/; `npm run table -- runs/sweep` sums up.
set -euo pipefail
cd "$(dirname "$0")/../.."
common=(--teachers mnist-0-4,mnist-5-9 --data mnist --seed 100 --transfer-limit 12800 --epochs 1 --out runs/sweep)
run() { npm run --silent amalgamate -- "${common[@]}" "$@" > /dev/null; }
run --preset kd
run --preset cka
for w in 0.03 0.3 1; do run --preset cka --w-intra "$w" --tag "intra$w"; done
for w in 0.03 0.3 1; do run --preset cka --w-inter "$w" --tag "inter$w"; done
for w in 0.3 3; do run --preset cka --w-align "$w" --tag "align$w"; done
for t in 0.05 0.2; do run --preset cka --tau "$t" --tau-align "$t" --tag "tau$t"; done
run --preset cka --combiner confidence --tag confidence
