import * as tf from '@tensorflow/tfjs';
import { addWasmKernels, type WasmHeapBackend } from './wasmKernelPatch';

/**
 * The window matrix of a conv, for its filter gradient on wasm (conv2dGradient.ts, method
 * 'rows'), as one JS kernel on the heap: row p holds the window that output position p (in
 * dy's [B, outH, outW] order) read, in the filter's [kH, kW, Cin] order, each window row one
 * run of kW·Cin floats. With one input channel it is small ([positions, kH·kW]), which is what
 * makes dWᵀ = dyᵀ · rows cheap: the conv method packs all of dy as a filter instead (1.4M
 * floats at batch 64 for the 28 x 28 digits), and tfjs ops would build the matrix from kH·kW
 * 4-D slices, which wasm copies element by element.
 */

export const IM2ROWS_KERNEL = 'CkaIm2Rows';

export interface Im2RowsAttrs {
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  outHeight: number;
  outWidth: number;
}

/** x: NHWC, every window inside it (pad first); out: [B·outH·outW, kH·kW·Cin]. */
export function fillIm2Rows(x: Float32Array, shape: number[], a: Im2RowsAttrs, out: Float32Array): void {
  const [batch, h, w, c] = shape;
  const run = a.filterWidth * c;
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < a.outHeight; oy++) {
      const top = b * h + oy * a.strideHeight;
      for (let ox = 0; ox < a.outWidth; ox++) {
        const left = ox * a.strideWidth * c;
        for (let ky = 0; ky < a.filterHeight; ky++) {
          const from = (top + ky) * w * c + left;
          for (let k = 0; k < run; k++) out[o++] = x[from + k];
        }
      }
    }
  }
}

function im2Rows(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const a = args.attrs as unknown as Im2RowsAttrs;
  const backend = args.backend as unknown as WasmHeapBackend;
  const [batch, h, w, c] = x.shape;
  if (x.dtype !== 'float32' || (a.outHeight - 1) * a.strideHeight + a.filterHeight > h || (a.outWidth - 1) * a.strideWidth + a.filterWidth > w) {
    throw new Error(`${IM2ROWS_KERNEL}: a float32 input holding every window, got ${x.dtype} [${x.shape}] for ${JSON.stringify(a)}`);
  }
  const out = backend.makeOutput([batch * a.outHeight * a.outWidth, a.filterHeight * a.filterWidth * c], 'float32');
  // Views taken after makeOutput: an allocation may grow (and move) the wasm heap.
  fillIm2Rows(backend.typedArrayFromHeap(x), [batch, h, w, c], a, backend.typedArrayFromHeap(out));
  return out;
}

/** Registers the kernel on wasm once; false when it is there already. */
export function installWasmIm2Rows(): boolean {
  return addWasmKernels({ [IM2ROWS_KERNEL]: im2Rows });
}

/** The window rows of x (no gradient: it runs inside the Conv2D gradient); `windows` may carry more fields (a conv info). */
export function im2Rows4d(x: tf.Tensor4D, windows: Im2RowsAttrs): tf.Tensor2D {
  const { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth } = windows;
  const attrs: Im2RowsAttrs = { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth };
  return tf.engine().runKernel(IM2ROWS_KERNEL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
