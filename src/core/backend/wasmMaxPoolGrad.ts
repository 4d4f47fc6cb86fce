import * as tf from '@tensorflow/tfjs';
import { patchWasmKernel, wasmKernelPatched, type WasmHeapBackend } from './wasmKernelPatch';

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

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type PoolInfo = ReturnType<typeof tf.backend_util.computePool2DInfo>;

/** Any pool without top/left padding: windows may overlap or be clipped at the bottom/right. */
function scatterGeneral(info: PoolInfo, x: Float32Array, g: Float32Array, out: Float32Array): void {
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
}

/**
 * Windows that tile the input without overlap and lie wholly inside it (stride = size, no
 * padding, e.g. every 2 x 2 pool here): the window's offsets are fixed, so the inner loop is
 * one list of kh * kw offsets, and each element belongs to at most one window, so the loop
 * writes every element of a window (dy or 0) and only the rows and columns past the last
 * window need zeroing first.
 */
function scatterTiled(info: PoolInfo, x: Float32Array, g: Float32Array, out: Float32Array): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow, filterHeight: kh, filterWidth: kw } = info;
  if (oh * kh < h || ow * kw < w) out.fill(0);
  const offsets = new Int32Array(kh * kw);
  for (let y = 0; y < kh; y++) for (let xx = 0; xx < kw; xx++) offsets[y * kw + xx] = (y * w + xx) * c;
  const taps = offsets.length;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const row = (b * h + oy * kh) * w;
      for (let ox = 0; ox < ow; ox++) {
        const corner = (row + ox * kw) * c;
        for (let ch = 0; ch < c; ch++, gi++) {
          const start = corner + ch;
          let best = x[start];
          let at = start;
          out[start] = 0;
          for (let t = 1; t < taps; t++) {
            const i = start + offsets[t];
            out[i] = 0;
            if (x[i] >= best) {
              best = x[i];
              at = i;
            }
          }
          out[at] = g[gi];
        }
      }
    }
  }
}

/**
 * The tiled loop for 2 x 2 windows, unrolled: the four taps are named, with no offset table
 * and no inner loop, which took a third off the loop's time on the student's pools (measured
 * on plain arrays: 6.6 -> 4.7 ms at [64, 26, 26, 32], 27.7 -> 21.1 ms at batch 256). Same
 * order of comparisons, so the same last maximum and the same bits.
 */
function scatterTiled2x2(info: PoolInfo, x: Float32Array, g: Float32Array, out: Float32Array): void {
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  if (oh * 2 < h || ow * 2 < w) out.fill(0);
  const down = w * c;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const row = (b * h + oy * 2) * w;
      for (let ox = 0; ox < ow; ox++) {
        const corner = (row + ox * 2) * c;
        const end = corner + c;
        for (let i0 = corner; i0 < end; i0++, gi++) {
          const i1 = i0 + c;
          const i2 = i0 + down;
          const i3 = i2 + c;
          let best = x[i0];
          let at = i0;
          if (x[i1] >= best) {
            best = x[i1];
            at = i1;
          }
          if (x[i2] >= best) {
            best = x[i2];
            at = i2;
          }
          if (x[i3] >= best) at = i3;
          out[i0] = 0;
          out[i1] = 0;
          out[i2] = 0;
          out[i3] = 0;
          out[at] = g[gi];
        }
      }
    }
  }
}

/**
 * `tiled: false` sends every pool through the general loop, `unrolled: false` 2 x 2 pools
 * through the tiled loop with its offset table: for tests and A/B timing.
 */
export const poolGradOptions = { tiled: true, unrolled: true };

function tiles(info: PoolInfo): boolean {
  return poolGradOptions.tiled && info.strideHeight === info.filterHeight && info.strideWidth === info.filterWidth
    && info.outHeight * info.filterHeight <= info.inHeight && info.outWidth * info.filterWidth <= info.inWidth;
}

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
  if (tiles(info) && poolGradOptions.unrolled && info.filterHeight === 2 && info.filterWidth === 2) {
    scatterTiled2x2(info, x, g, out);
  } else if (tiles(info)) {
    scatterTiled(info, x, g, out);
  } else {
    out.fill(0);
    scatterGeneral(info, x, g, out);
  }
  return dx;
}

/** Replaces the wasm MaxPoolGrad kernel once; false when wasm is not loaded or it is done. */
export function installWasmMaxPoolGrad(): boolean {
  return patchWasmKernel('MaxPoolGrad', (wasmKernel) => (args) => maxPoolGradJs(args, wasmKernel));
}

export function wasmMaxPoolGradPatched(): boolean {
  return wasmKernelPatched('MaxPoolGrad');
}
