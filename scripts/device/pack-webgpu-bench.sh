#!/usr/bin/env bash
# Packs everything the WebGPU bench (scripts/bench-webgpu-node.ts) needs on a remote GPU machine
# that has no Node.js, npm or network into one git-ignored folder, .device/, to be carried
# beside the working tree (which brings public/teachers/). run-webgpu-bench.sh unpacks and runs it.
#   .device/node.xz          this machine's node binary, xz -9 (kept while the binary is unchanged)
#   .device/bench.tar.xz     bench/bench.mjs: the bench and all its JS (tfjs, backends, webgpu) in
#                            one ES module; bench/dist/linux-x64/dawn.node: the webgpu package's
#                            Dawn binding, where the bundled loader looks for it; bench/wasm/:
#                            tfjs-backend-wasm's .wasm files; lib/: libstdc++ and libgcc_s from
#                            here, used only if the remote's are too old for node or dawn.node
#   .device/data/mnist/      the MNIST test files only (the bench's transfer images)
#   .device/MANIFEST         what went in: versions, git commit, sha256 sums
# Needs `npm ci` done (node_modules with webgpu) and `npm run data` (public/data/mnist).
set -euo pipefail
cd "$(dirname "$0")/../.."

pack=.device
node_bin=$(command -v node)
dawn=node_modules/webgpu/dist/linux-x64/dawn.node
[ -f "$dawn" ] || { echo "pack: $dawn is missing (npm ci)" >&2; exit 1; }
[ -f public/data/mnist/t10k-images-idx3-ubyte.gz ] || { echo "pack: public/data/mnist is missing (npm run data)" >&2; exit 1; }
[ "$(uname -m)" = x86_64 ] || { echo "pack: the remote is x86-64; pack on an x86-64 machine" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$pack/data/mnist" "$stage/bench/wasm" "$stage/bench/dist/linux-x64" "$stage/lib"

# Compressing node takes a minute or more: redo it only when the binary changed.
node_id="$(node --version) $(sha256sum "$node_bin" | cut -c1-16)"
if [ ! -f "$pack/node.xz" ] || [ "$(cat "$pack/node.id" 2>/dev/null)" != "$node_id" ]; then
  echo "pack: compressing $node_bin ($node_id)"
  nice -n 10 xz -9 -c "$node_bin" > "$pack/node.xz.tmp" && mv "$pack/node.xz.tmp" "$pack/node.xz"
  echo "$node_id" > "$pack/node.id"
fi

# One ES module: CommonJS parts of tfjs (the wasm glue, the webgpu loader) call require and
# read __dirname, which an ES module lacks; the banner provides them, from the bundle's folder.
banner="import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
node_modules/.bin/esbuild scripts/bench-webgpu-node.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$stage/bench/bench.mjs" --banner:js="$banner" --log-level=warning
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$stage/bench/wasm/"
cp "$dawn" "$stage/bench/dist/linux-x64/"
cp public/data/mnist/t10k-images-idx3-ubyte.gz public/data/mnist/t10k-labels-idx1-ubyte.gz "$pack/data/mnist/"
for lib in libstdc++.so.6 libgcc_s.so.1; do
  # No early exit in awk: ldconfig would die of SIGPIPE and pipefail end the script.
  src=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ && !found { print $NF; found = 1 }')
  cp "$(readlink -f "$src")" "$stage/lib/$lib"
done
(cd "$stage" && find bench lib -type f | sort | xargs sha256sum) > "$stage/sums"
rm -rf "$pack/bench" "$pack/lib" "$pack/bench.tar.xz"
tar -C "$stage" -cf - bench lib | nice -n 10 xz -9 > "$pack/bench.tar.xz"

{
  echo "packed $(date -u +%FT%TZ) from commit $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
  echo "node $(node --version), webgpu $(node -p "require('./node_modules/webgpu/package.json').version"), tfjs $(node -p "require('./node_modules/@tensorflow/tfjs/package.json').version")"
  (cd "$pack" && find . -type f ! -name MANIFEST ! -name node.id | sort | xargs sha256sum)
  echo "inside bench.tar.xz:"
  cat "$stage/sums"
} > "$pack/MANIFEST"
du -sb "$pack" | awk '{ printf "pack: .device is %.1f MiB\n", $1 / 1048576 }'
tree_bytes=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
echo "pack: tracked working tree is $(awk -v b="$tree_bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB; carried with it: .device$( [ -d .gl ] && echo " and .gl ($(du -sh .gl | cut -f1))")"
