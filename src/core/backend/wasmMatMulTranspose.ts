import * as tf from '@tensorflow/tfjs';
import { patchWasmKernel, wasmKernelPatched } from './wasmKernelPatch';

/**
 * tfjs-backend-wasm 4.22 runs a matmul on XNNPACK only when neither operand is transposed;
 * with transposeA or transposeB it falls back to a scalar loop. Every dense layer's backward
 * pass asks for exactly that (dx = dy·Wᵀ, dW = xᵀ·dy), and so do the similarity matrices of
 * the contrastive losses (v·uᵀ). Measured here at batch 64 (features layer, 1600 -> 256):
 * dy·Wᵀ 30 ms with the flag, 8 ms as transpose + plain matmul; xᵀ·dy 29 ms against 3 ms.
 *
 * This wraps the wasm BatchMatMul and _FusedMatMul kernels: a transposed operand is first
 * transposed by the wasm Transpose kernel (a copy), then the original kernel runs without
 * the flag. Same values up to float rounding order; other backends are untouched.
 */

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TensorInfo = tf.TensorInfo;

const BACKEND = 'wasm';

interface DisposableBackend {
  disposeData(dataId: object): void;
}

/** Swaps the last two axes of `x` with the backend's own Transpose kernel (not a tf op: no tape entry). */
function transposeLastTwo(x: TensorInfo, args: KernelArgs): TensorInfo {
  const transpose = tf.getKernel('Transpose', BACKEND);
  if (!transpose) throw new Error('wasm Transpose kernel missing');
  const rank = x.shape.length;
  const perm = [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2];
  return transpose.kernelFunc({ inputs: { x }, backend: args.backend, attrs: { perm } }) as TensorInfo;
}

function wrap(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const copies: TensorInfo[] = [];
    const plain = (x: TensorInfo, transposed: boolean | undefined) => {
      if (!transposed) return x;
      const t = transposeLastTwo(x, args);
      copies.push(t);
      return t;
    };
    try {
      const inputs = { ...args.inputs, a: plain(a, attrs.transposeA), b: plain(b, attrs.transposeB) };
      return original({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      const backend = args.backend as unknown as DisposableBackend;
      copies.forEach((t) => backend.disposeData(t.dataId));
    }
  };
}

/**
 * Replaces the wasm matmul kernels with the wrapped ones, once. Must run after
 * @tensorflow/tfjs-backend-wasm is imported (it registers its kernels on import); returns the
 * kernels it patched, none when wasm is not loaded or they are patched already.
 */
export function installWasmMatMulTranspose(): string[] {
  return ['BatchMatMul', '_FusedMatMul'].filter((name) => patchWasmKernel(name, wrap));
}

/** Whether the wasm matmul kernels currently registered are the wrapped ones. */
export function wasmMatMulPatched(): boolean {
  return wasmKernelPatched('BatchMatMul');
}
