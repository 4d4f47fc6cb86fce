import * as tf from '@tensorflow/tfjs';
import { addWasmKernels, type WasmHeapBackend } from './wasmKernelPatch';

/**
 * CFL's multi-bandwidth MMD averages Σ_σ exp(γ_σ·||x_i − y_j||²) over all pairs. As tfjs ops
 * that is an [n, m, d] difference tensor, its square, a sum, an [n, m, 7] exponential, and a
 * backward pass that keeps and broadcasts all of them: at batch 256 the cfl losses took 745 ms
 * of a 970 ms step against PyTorch's 179. On wasm these two kernels do it pair by pair in JS
 * on the heap, with the distances still from explicit differences (the shortcut
 * |x|² + |y|² − 2x·y cancels to ~1e-7, which σ = 0.001 turns into a kernel error of percents,
 * and its gradient would cancel the same way): the forward pass keeps one [n, m] matrix of
 * pair weights for the backward pass. Distances, exponentials and sums are in double
 * precision (tfjs: float32), so the value agrees with the tfjs ops to float32 rounding, not
 * bit for bit.
 */

export const MEAN_RBF_KERNEL = 'CkaMeanRbf';
export const MEAN_RBF_GRAD_KERNEL = 'CkaMeanRbfGrad';

interface RbfAttrs {
  gammas: number[];
}

/** ||x_i − y_j||², in double precision (tfjs: float32, so the two agree to float32 rounding). */
function squaredDistance(x: Float32Array, xi: number, y: Float32Array, yj: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) {
    const diff = x[xi + k] - y[yj + k];
    sum += diff * diff;
  }
  return sum;
}

/** Below this exponent float32's exp is 0 (or a denormal that no sum here can notice): not worth a Math.exp. */
const UNDERFLOW = -110;

/** `symmetric: false` visits every pair even for the same data: for A/B timing (scripts/ab-kernels.ts). */
export const meanRbfOptions = { symmetric: true };

/**
 * x and y the same data (MMD's K_aa and K_bb, two of its three means): D_ij = D_ji and
 * D_ii = 0, so the loops below visit each pair once and count it twice, half the work.
 * Sums run in another order than over all pairs, in double precision, so the float32
 * results agree to rounding. (A reshape shares its data, hence the shapes too.)
 */
const sameData = (x: tf.TensorInfo, y: tf.TensorInfo) =>
  meanRbfOptions.symmetric && x.dataId === y.dataId && x.shape[0] === y.shape[0] && x.shape[1] === y.shape[1];

/**
 * Value: the mean over pairs of Σ_σ e^{γ_σ D_ij}. Also returns W [n, m], W_ij = 2 Σ_σ γ_σ e^{γ_σ D_ij} / nm,
 * the pair's weight in the gradient, so that the backward pass needs neither distances nor exponentials.
 */
function meanRbf(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { x, y } = args.inputs as { x: tf.TensorInfo; y: tf.TensorInfo };
  const { gammas } = args.attrs as unknown as RbfAttrs;
  const backend = args.backend as unknown as WasmHeapBackend;
  const [n, d] = x.shape;
  const m = y.shape[0];
  const outs = [backend.makeOutput([], 'float32'), backend.makeOutput([n, m], 'float32')];
  const [xs, ys, value, weights] = [x, y, ...outs].map((t) => backend.typedArrayFromHeap(t));
  const scale = 2 / (n * m);
  const symmetric = sameData(x, y);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = symmetric ? i : 0; j < m; j++) {
      const dist = symmetric && j === i ? 0 : squaredDistance(xs, i * d, ys, j * d, d);
      let sum = 0;
      let w = 0;
      for (const g of gammas) {
        if (g * dist < UNDERFLOW) continue;
        const e = Math.exp(g * dist);
        sum += e;
        w += g * e;
      }
      total += symmetric && j !== i ? 2 * sum : sum;
      weights[i * m + j] = w * scale;
      if (symmetric) weights[j * m + i] = w * scale;
    }
  }
  value[0] = total / (n * m);
  return outs;
}

/**
 * d/dx_i = dy·Σ_j W_ij (x_i − y_j), d/dy_j = −dy·Σ_i W_ij (x_i − y_j): explicit differences
 * again (see above). With x and y the same data the two are equal (W is symmetric), so one
 * pass over the pairs i < j fills both; the engine adds them, as it adds x's two roles.
 */
function meanRbfGrad(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { x, y, weights, dy } = args.inputs as Record<'x' | 'y' | 'weights' | 'dy', tf.TensorInfo>;
  const backend = args.backend as unknown as WasmHeapBackend;
  const outs = [x, y].map((t) => backend.makeOutput(t.shape, 'float32'));
  const [xs, ys, w, g, dx, dyOut] = [x, y, weights, dy, ...outs].map((t) => backend.typedArrayFromHeap(t));
  const [n, d] = x.shape;
  const m = y.shape[0];
  const symmetric = sameData(x, y);
  // Double-precision accumulators: each x row gathers m terms, each y row n.
  const ax = new Float64Array(n * d);
  const ay = symmetric ? ax : new Float64Array(m * d);
  for (let i = 0; i < n; i++) {
    const xi = i * d;
    for (let j = symmetric ? i + 1 : 0; j < m; j++) {
      const wij = w[i * m + j];
      if (wij === 0) continue;
      const yj = j * d;
      for (let k = 0; k < d; k++) {
        const t = wij * (xs[xi + k] - ys[yj + k]);
        ax[xi + k] += t;
        ay[yj + k] -= t;
      }
    }
  }
  for (let k = 0; k < ax.length; k++) dx[k] = ax[k] * g[0];
  for (let k = 0; k < ay.length; k++) dyOut[k] = ay[k] * g[0];
  return outs;
}

/** Registers both kernels for wasm once (the registry needs no live backend); false when done. */
export function installWasmMeanRbf(): boolean {
  return addWasmKernels({ [MEAN_RBF_KERNEL]: meanRbf, [MEAN_RBF_GRAD_KERNEL]: meanRbfGrad });
}

/** Whether the current backend has the fused kernels (wasm, once installed). */
export function meanRbfFused(): boolean {
  return tf.getKernel(MEAN_RBF_KERNEL, tf.getBackend()) !== undefined;
}

function fusedMeanRbf_(x: tf.Tensor2D, y: tf.Tensor2D, gammas: readonly number[]): tf.Scalar {
  const attrs = { gammas: [...gammas] } as unknown as tf.NamedAttrMap;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const [value, weights] = tf.engine().runKernel(MEAN_RBF_KERNEL, { x: a, y: b }, attrs) as tf.Tensor[];
    save([a, b, weights]);
    return {
      value: value as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [sa, sb, sw]: tf.Tensor[]) =>
        tf.engine().runKernel(MEAN_RBF_GRAD_KERNEL, { x: sa, y: sb, weights: sw, dy }, {}) as tf.Tensor[],
    };
  });
  return op(x, y) as tf.Scalar;
}

/**
 * The mean over all pairs (i, j) of Σ_σ exp(γ_σ·||x_i − y_j||²), a scalar; only where
 * meanRbfFused(). An op (its scope named fusedMeanRbf__op) so that profiles list the two
 * kernels and not also their custom-gradient wrapper.
 */
export const fusedMeanRbf = tf.op({ fusedMeanRbf_ });
