import * as tf from '@tensorflow/tfjs';
import { patchWasmKernel, type WasmHeapBackend } from './wasmKernelPatch';

/**
 * tfjs-wasm 4.22 sums only over the innermost axes: any other reduction first transposes the
 * whole input so that the summed axes come last. The bias gradient of every conv and dense
 * layer sums dy over all axes but the channels ([B, H, W, C] -> [C]), and the gradient of a
 * broadcast difference ([B, 1, d] - [1, B, d], CFL's MMD) sums over a middle axis, so each paid
 * a full transpose: at batch 256, 43 ms of Sum in a 426 ms profiled cka step. Here a sum over
 * one block of consecutive axes that are not the innermost ([P, R, Q] -> [P, Q]) runs in JS
 * on the heap, adding the R rows of each [R, Q] slab into one float32 accumulator per column:
 * the same additions in the same order as the original's loop over the transposed data, so the
 * same bits. Every other sum (and int32 ones) goes to the original kernel.
 */

interface SumAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/** [P, R, Q]: the sizes before, of and after the summed block. */
type Block = [number, number, number];

const product = (dims: number[]) => dims.reduce((n, d) => n * d, 1);

/**
 * The block, or null unless the axes (parsed by tf.util.parseAxisParam) are consecutive and
 * ascending *in the order given* (the original transposes them in that order, so [1, 0] would
 * add the same numbers in another order) and some axis after them is kept.
 */
export function summedBlock(axes: number[], shape: number[]): Block | null {
  if (axes.length === 0) return null;
  const first = axes[0];
  const last = first + axes.length - 1;
  if (last >= shape.length - 1 || axes.some((a, i) => a !== first + i)) return null;
  return [product(shape.slice(0, first)), product(shape.slice(first, last + 1)), product(shape.slice(last + 1))];
}

/**
 * Four rows at a time: each column's running sum stays in a local, rounded to float32 after
 * every addition (Math.fround), so the additions and their order are the original's, with a
 * quarter of the accumulator's loads and stores.
 */
function sumOverBlock([p, r, q]: Block, src: Float32Array, acc: Float32Array): void {
  const f = Math.fround;
  acc.fill(0);
  for (let i = 0; i < p; i++) {
    const base = i * q;
    let row = i * r * q;
    let j = 0;
    for (; j + 4 <= r; j += 4, row += 4 * q) {
      for (let k = 0; k < q; k++) {
        const at = row + k;
        acc[base + k] = f(f(f(f(acc[base + k] + src[at]) + src[at + q]) + src[at + 2 * q]) + src[at + 3 * q]);
      }
    }
    for (; j < r; j++, row += q) {
      for (let k = 0; k < q; k++) acc[base + k] += src[row + k];
    }
  }
}

function sumBlock(args: Parameters<tf.KernelFunc>[0], fallback: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const block = x.dtype === 'float32' ? summedBlock(axes, x.shape) : null;
  if (block === null) return fallback(args);
  const shape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d)).filter((_, i) => keepDims || !axes.includes(i));
  const backend = args.backend as unknown as WasmHeapBackend;
  const out = backend.makeOutput(shape, 'float32');
  // Views taken after makeOutput: an allocation may grow (and move) the wasm heap.
  sumOverBlock(block, backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out));
  return out;
}

/** Replaces the wasm Sum kernel once; false when wasm is not loaded or it is done. */
export function installWasmSumBlock(): boolean {
  return patchWasmKernel('Sum', (wasmKernel) => (args) => sumBlock(args, wasmKernel));
}
