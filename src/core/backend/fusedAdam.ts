import * as tf from '@tensorflow/tfjs';
import type { WasmHeapBackend } from './wasmKernelPatch';

/**
 * tfjs's Adam updates each variable with 14 element-wise kernels (and a few scalar tensors),
 * so the optimiser was 4-6x PyTorch's in every bench row (3.8-4.5 ms a step for ~20
 * variables). On wasm this runs the whole update of one variable as one JS loop on the heap:
 * the same float32 operations in the same order as tfjs's AdamOptimizer.applyGradients
 * (each rounded with Math.fround, which rounds a double result of two float32 operands exactly
 * as float32 arithmetic does), so the same bits. Elsewhere it is tfjs's Adam unchanged. The
 * optimiser's state (moments, beta powers, iterations) is AdamOptimizer's own, so getWeights,
 * setWeights and checkpoints see no difference.
 */

export const FUSED_ADAM_KERNEL = 'CkaFusedAdam';

interface AdamKernelAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** 1 - beta1^t and 1 - beta2^t, as tfjs computes them: float32 scalars from the beta-power variables. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

const f = Math.fround;

function fusedAdamKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const { value, m, v, g } = args.inputs as Record<'value' | 'm' | 'v' | 'g', tf.TensorInfo>;
  const a = args.attrs as unknown as AdamKernelAttrs;
  const backend = args.backend as unknown as WasmHeapBackend;
  const outs = [value, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
  // Views taken after the last allocation: an allocation may grow (and move) the heap.
  const [x, m0, v0, grad] = [value, m, v, g].map((t) => backend.typedArrayFromHeap(t));
  const [x1, m1, v1] = outs.map((t) => backend.typedArrayFromHeap(t));
  const b1 = f(a.beta1), c1 = f(1 - a.beta1), b2 = f(a.beta2), c2 = f(1 - a.beta2);
  const d1 = f(a.oneMinusAccBeta1), d2 = f(a.oneMinusAccBeta2), eps = f(a.epsilon), step = f(-a.learningRate);
  for (let i = 0; i < x.length; i++) {
    const gi = grad[i];
    const mi = f(f(m0[i] * b1) + f(gi * c1));
    const vi = f(f(v0[i] * b2) + f(f(gi * gi) * c2));
    m1[i] = mi;
    v1[i] = vi;
    const mHat = f(mi / d1);
    const vHat = f(vi / d2);
    x1[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * step) + x[i]);
  }
  return outs;
}

/** Registers the fused update for wasm once (the registry needs no live backend); false when done. */
export function installFusedAdamKernel(): boolean {
  if (tf.getKernel(FUSED_ADAM_KERNEL, 'wasm')) return false;
  tf.registerKernel({ kernelName: FUSED_ADAM_KERNEL, backendName: 'wasm', kernelFunc: fusedAdamKernel });
  return true;
}

type Moment = { originalName: string; variable: tf.Variable };

/** AdamOptimizer's state, declared private in its typings. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Moment[];
  accumulatedSecondMoment: Moment[];
}

/** tfjs's AdamOptimizer with its update done by FUSED_ADAM_KERNEL where the backend has it. */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (!tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const list = Array.isArray(variableGradients)
      ? variableGradients.map((n) => [n.name, n.tensor] as const)
      : Object.entries(variableGradients);
    const state = this as unknown as AdamState;
    const [acc1, acc2] = [state.accBeta1, state.accBeta2].map((t) => t.dataSync()[0]);
    const attrs = {
      beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate,
      oneMinusAccBeta1: f(1 - acc1), oneMinusAccBeta2: f(1 - acc2),
    } satisfies AdamKernelAttrs;
    tf.tidy(() => {
      list.forEach(([name, gradient], i) => {
        const value = tf.engine().registeredVariables[name];
        const [m, v] = [this.moment(state.accumulatedFirstMoment, i, name, 'm'), this.moment(state.accumulatedSecondMoment, i, name, 'v')];
        if (gradient == null) return;
        const inputs = { value, m, v, g: gradient };
        const [x1, m1, v1] = tf.engine().runKernel(FUSED_ADAM_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        value.assign(x1);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }

  /** The moment slot of variable i, made as AdamOptimizer makes it (same names, zeros, not trainable). */
  private moment(slots: Moment[], i: number, name: string, suffix: 'm' | 'v'): tf.Variable {
    if (slots[i] == null) {
      const value = tf.engine().registeredVariables[name];
      slots[i] = { originalName: `${name}/${suffix}`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
    }
    return slots[i].variable;
  }
}

/** Adam for training: tfjs's own on every backend but wasm, where the update is one fused kernel per variable. */
export function adam(learningRate: number): tf.AdamOptimizer {
  installFusedAdamKernel();
  return new FusedAdamOptimizer(learningRate, 0.9, 0.999);
}
