import * as tf from '@tensorflow/tfjs';
import { median } from '../../src/core/median';

/** One kernel name's share of a profiled step. */
export interface KernelShare {
  name: string;
  calls: number;
  ms: number;
  flops: number;
}

export interface StepProfile {
  /** Sum of the kernels' own times (tfjs's profiler, tf.profile): the step less JS overhead. */
  kernelMs: number;
  /** Floating-point operations of the step's matmuls and convolutions (2 per multiply-add). */
  flops: number;
  kernels: KernelShare[];
}

const size = (shape: number[]) => shape.reduce((n, d) => n * d, 1);

/**
 * FLOPs of the kernels that carry a step's arithmetic, from the shapes the profiler records:
 * convolutions 2·|out|·kh·kw·cin, matmuls 2·b·m·n·k (k from A's two inner dims, whatever the
 * transposes). Element-wise kernels are left out: they are memory-bound, not FLOP-bound.
 */
export function kernelFlops(name: string, inputShapes: number[][], outputShapes: number[][]): number {
  const out = outputShapes[0];
  if (!out) return 0;
  if (name === 'Conv2D' || name === 'FusedConv2D') {
    const [kh, kw, cin] = inputShapes[1];
    return 2 * size(out) * kh * kw * cin;
  }
  if (name === 'Conv2DBackpropInput') {
    // inputs: dy [b, oh, ow, cout], filter [kh, kw, cin, cout]; out is dx [b, h, w, cin].
    const [kh, kw, , cout] = inputShapes[1];
    return 2 * size(inputShapes[0]) / inputShapes[0][3] * kh * kw * cout * inputShapes[1][2];
  }
  if (name === 'BatchMatMul' || name === '_FusedMatMul') {
    const a = inputShapes[0];
    const [m, n] = out.slice(-2);
    const batch = size(out.slice(0, -2));
    const k = (a[a.length - 1] * a[a.length - 2]) / m;
    return 2 * batch * m * n * k;
  }
  return 0;
}

async function profileOnce(step: () => Promise<unknown>): Promise<Map<string, KernelShare>> {
  // tf.profile wants a tensor result; the step's own result is plain numbers.
  const info = await tf.profile(async () => {
    await step();
    return [];
  });
  const byName = new Map<string, KernelShare>();
  for (const k of info.kernels) {
    // `fusedConv2d__op` and the like are custom-gradient wrappers around a real kernel that is
    // listed too: counting both would count its time twice.
    if (k.name.endsWith('__op')) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const share = byName.get(k.name) ?? { name: k.name, calls: 0, ms: 0, flops: 0 };
    share.calls++;
    share.ms += ms;
    share.flops += kernelFlops(k.name, k.inputShapes, k.outputShapes);
    byName.set(k.name, share);
  }
  return byName;
}

/**
 * Profiles `step` `reps` times with tf.profile (kernel times are synchronous wall times on
 * wasm) and keeps, per kernel name, the median of its per-step totals: one profiled step on a
 * shared machine is too noisy to rank kernels by.
 */
export async function profileStep(step: () => Promise<unknown>, reps = 5): Promise<StepProfile> {
  const runs: Map<string, KernelShare>[] = [];
  for (let i = 0; i < reps; i++) runs.push(await profileOnce(step));
  const kernels = [...runs[0].values()].map((k) => ({ ...k, ms: median(runs.map((r) => r.get(k.name)?.ms ?? 0)) }));
  kernels.sort((a, b) => b.ms - a.ms);
  return {
    kernelMs: kernels.reduce((s, k) => s + k.ms, 0),
    flops: kernels.reduce((s, k) => s + k.flops, 0),
    kernels,
  };
}
