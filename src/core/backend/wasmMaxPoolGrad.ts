import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-wasm 4.22's MaxPoolGrad kernel was a fifth to a quarter of the student's profiled step
 * (47 ms of 179 at batch 64, 109 of 481 at 256). For pools without padding or dilation this
 * computes it in plain JS on the wasm heap. Convention, as the original kernel's: within a
 * window the *last* maximum in row-major order gets dy (summed where windows overlap). The
 * original loses the gradient of windows with no positive value (it starts its running max at
 * the smallest positive float; probed: an all-zero window sends it to element 0 of the tensor);
 * here such a window's last maximum gets it. After a ReLU those positions have zero gradient
 * anyway. Other pools go to the original kernel.
 */

interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

const PATCHED = new Set<tf.KernelFunc>();
let original: tf.KernelFunc | null = null;

function maxPoolGradJs(args: Parameters<tf.KernelFunc>[0], fallback: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as PoolAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const p = info.padInfo;
  if (p.top !== 0 || p.left !== 0 || info.dilationHeight !== 1 || info.dilationWidth !== 1 || input.dtype !== 'float32') return fallback(args);
  const backend = args.backend as unknown as WasmHeapBackend;
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views taken after makeOutput: an allocation may grow (and move) the wasm heap.
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const out = backend.typedArrayFromHeap(dx);
  out.fill(0);
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = info;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh;
      const y1 = Math.min(y0 + info.effectiveFilterHeight, h);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * sw;
        const x1 = Math.min(x0 + info.effectiveFilterWidth, w);
        for (let ch = 0; ch < c; ch++, gi++) {
          let best = -Infinity;
          let at = -1;
          for (let y = y0; y < y1; y++) {
            for (let xx = x0; xx < x1; xx++) {
              const i = base + (y * w + xx) * c + ch;
              if (x[i] >= best) {
                best = x[i];
                at = i;
              }
            }
          }
          if (at >= 0) out[at] += g[gi];
        }
      }
    }
  }
  return dx;
}

/** Replaces the wasm MaxPoolGrad kernel once; false when wasm is not loaded or it is done. */
export function installWasmMaxPoolGrad(): boolean {
  const config = tf.getKernel('MaxPoolGrad', 'wasm');
  if (!config || PATCHED.has(config.kernelFunc)) return false;
  const wasmKernel = config.kernelFunc;
  original = wasmKernel;
  const patched: tf.KernelFunc = (args) => maxPoolGradJs(args, wasmKernel);
  PATCHED.add(patched);
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  tf.registerKernel({ ...config, kernelFunc: patched });
  return true;
}

/** The kernel installWasmMaxPoolGrad replaced, for tests that compare the two. */
export function originalWasmMaxPoolGrad(): tf.KernelFunc | null {
  return original;
}

export function wasmMaxPoolGradPatched(): boolean {
  const config = tf.getKernel('MaxPoolGrad', 'wasm');
  return config !== undefined && PATCHED.has(config.kernelFunc);
}
