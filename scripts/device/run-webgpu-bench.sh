#!/usr/bin/env bash
# Runs the packed WebGPU bench (.device/, made by pack-webgpu-bench.sh) on a machine with a GPU
# but no Node.js, npm or network. From the repository root (public/teachers/ must be there):
#   OUT=<folder> scripts/device/run-webgpu-bench.sh [bench flags]
# Default flags: --backends webgpu,wasm --batches 64,256 --steps 20 --warmup 3.
# Unpacks node and the bundle to a temporary folder; if the system has no Vulkan loader, unpacks
# the loader .debs carried in .gl/ there too (no root needed, nothing installed); points the
# loader at the NVIDIA driver's ICD file when it finds none on its own; runs the bench with a
# time limit (BENCH_LIMIT_S, default 180 s). Writes three files to $OUT: run.log (all output),
# env.txt (machine, driver, Vulkan set-up) and bench-webgpu-*.json (the record; it is written
# after every backend, so a run cut by the limit keeps the finished ones).
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?set OUT to the folder for the results}
mkdir -p "$out"
root=$(pwd)
pack=$root/.device
work=$(mktemp -d "${TMPDIR:-/tmp}/cka-webgpu-bench.XXXXXX")

unxz_to() { # src dst: xz, else Python's lzma (a bare machine may lack xz)
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}

untar_to() { # archive.tar.xz dir
  if command -v xz >/dev/null; then tar -C "$2" -xJf "$1"
  else python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; fi
}

deb_to() { # deb dir: dpkg -x, else the deb's data.tar read by Python (a deb is an ar archive)
  if command -v dpkg >/dev/null; then dpkg -x "$1" "$2"; return; fi
  python3 - "$1" "$2" <<'PY'
import io, sys, tarfile
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'!<arch>\n', 'not a deb'
pos = 8
while pos < len(data):
    name, size = data[pos:pos + 16].decode().strip().rstrip('/'), int(data[pos + 48:pos + 58])
    if name.startswith('data.tar'):
        tarfile.open(fileobj=io.BytesIO(data[pos + 60:pos + 60 + size])).extractall(sys.argv[2])
    pos += 60 + size + (size & 1)
PY
}

vulkan_setup() {
  if ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
    echo "vulkan: system loader $(ldconfig -p | awk '/libvulkan\.so\.1 / { print $NF; exit }')"
  elif compgen -G '.gl/*.deb' >/dev/null; then
    for f in .gl/*.deb; do deb_to "$f" "$work/vk" && echo "vulkan: unpacked $f"; done
    export LD_LIBRARY_PATH="$work/vk/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  else
    echo "vulkan: no loader on the system and no .gl/*.deb carried: Dawn will find no Vulkan adapter"
  fi
  # The ICD names libGLX_nvidia.so.0; NVIDIA's container runtime may leave it out of ldconfig's cache.
  if [ -d /usr/local/nvidia/lib64 ] && [[ ":${LD_LIBRARY_PATH:-}:" != *:/usr/local/nvidia/lib64:* ]]; then
    export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}/usr/local/nvidia/lib64"
  fi
  if [ -n "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ]; then
    echo "vulkan: ICD given: ${VK_DRIVER_FILES:-${VK_ICD_FILENAMES:-}}"
    return
  fi
  local icds
  icds=$(ls /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json 2>/dev/null)
  if [ -n "$icds" ]; then
    echo "vulkan: ICD files in the standard places: $(echo $icds)"
    return
  fi
  # NVIDIA's container runtime may put the ICD file outside the loader's search path.
  local c
  for c in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/local/nvidia/icd.d/nvidia_icd.json \
    $(timeout 20 find / -maxdepth 7 \( -path /proc -o -path /sys -o -path /dev \) -prune -o -name 'nvidia_icd*.json' -print 2>/dev/null | head -3); do
    if [ -f "$c" ]; then
      export VK_DRIVER_FILES=$c VK_ICD_FILENAMES=$c
      echo "vulkan: no ICD in the standard places; using $c"
      return
    fi
  done
  echo "vulkan: no ICD file found anywhere"
}

describe_machine() {
  echo "== $(date -u +%FT%TZ) $(uname -srm)"
  grep PRETTY_NAME /etc/os-release 2>/dev/null
  echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  ldd --version 2>&1 | head -1
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
  echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-} VK_DRIVER_FILES=${VK_DRIVER_FILES:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-}"
  for f in ${VK_DRIVER_FILES:-} /usr/share/vulkan/icd.d/*.json /etc/vulkan/icd.d/*.json; do
    [ -f "$f" ] && echo "$f: $(tr -d '\n' < "$f")"
  done
  ldconfig -p 2>/dev/null | grep -E 'libvulkan|libGLX_nvidia|libnvidia-glcore' | head
  cat "$pack/MANIFEST"
}

main() {
  echo "unpacking to $work"
  local t0=$SECONDS
  unxz_to "$pack/node.xz" "$work/node" && chmod +x "$work/node" || return 1
  untar_to "$pack/bench.tar.xz" "$work" || return 1
  mkdir -m 700 -p "$work/xdg"
  export XDG_RUNTIME_DIR=$work/xdg # Dawn's window-system probes complain without one
  vulkan_setup
  # This machine's libstdc++ is used only if the remote's is too old for node or dawn.node.
  local dawn=$work/bench/dist/linux-x64/dawn.node
  if ! "$work/node" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$dawn"; then
    export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "node or dawn.node failed to load with the system's libraries; retrying with the packed libstdc++"
    "$work/node" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$dawn" || return 1
  fi
  echo "unpacked in $((SECONDS - t0)) s; node $("$work/node" --version)"
  describe_machine > "$out/env.txt" 2>&1
  cat "$out/env.txt"
  local args=("$@")
  [ ${#args[@]} -gt 0 ] || args=(--backends webgpu,wasm --batches 64,256 --steps 20 --warmup 3)
  echo "== bench ${args[*]} (limit ${BENCH_LIMIT_S:-180} s)"
  CKA_DATA_DIR=$pack/data timeout -k 10 "${BENCH_LIMIT_S:-180}" \
    "$work/node" "$work/bench/bench.mjs" --wasm-dir "$work/bench/wasm" --out "$out" "${args[@]}"
  local rc=$?
  [ $rc -eq 124 ] && echo "== bench stopped by the time limit; the record holds the backends that finished"
  echo "== bench exit $rc after $((SECONDS - t0)) s in all"
  return $rc
}

main "$@" 2>&1 | grep --line-buffered -v 'XDG_RUNTIME_DIR is invalid' | tee "$out/run.log"
rc=${PIPESTATUS[0]}
rm -rf "$work"
exit "$rc"
