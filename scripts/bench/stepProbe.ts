import * as tf from '@tensorflow/tfjs';
import { batchToTensor } from '../../src/core/data/imageTensors';
import { toTransferSet } from '../../src/core/data/transferSet';
import { createAmalgamation, disposeAmalgamation, trainStep, type StepResult } from '../../src/core/method/amalgamation';
import type { PresetName } from '../../src/core/method/config';
import { benchConfig, type BenchData } from './benchSetup';
import { countCalls } from './callCounts';
import { profileStep } from './kernelProfile';

/** Why a step takes what it takes: how much work it hands the backend, and how often it waits. */
export interface StepCounts {
  /** tfjs kernel calls in one step (tf.profile). */
  kernelCalls: number;
  /**
   * Sum of the kernels' own times: wall times on wasm/cpu, GPU timestamps on WebGPU (null
   * there when the adapter has no timestamp-query).
   */
  kernelMs: number | null;
  /** The five kernels with most time (or most calls where there are no times). */
  topKernels: { name: string; calls: number; ms: number }[];
  /** WebGPU only: compute dispatches, queue submits and GPU-to-CPU readbacks in one step. */
  dispatches: number | null;
  submits: number | null;
  readbacks: number | null;
}

const WEBGPU_METHODS = ['runWebGPUProgram', 'submitQueue', 'getBufferData'] as const;

export interface StepProbe {
  /**
   * The first step of a fresh student (seed 1) on the first `batchSize` images of the seeded
   * transfer order: the same weights and inputs on every backend, so the losses must agree.
   */
  firstStep: StepResult;
  /** Counts of a warm step (the next one); null where not asked for. */
  counts: StepCounts | null;
}

/** One fresh amalgamation of `preset` at `batchSize`: its first step's losses and, if `count`, a warm step counted. */
export async function probeStep(data: BenchData, preset: PresetName, batchSize: number, count: boolean): Promise<StepProbe> {
  const config = benchConfig(preset, batchSize, 1, 1);
  const a = createAmalgamation(config, data.teachers, data.train);
  const x = batchToTensor(toTransferSet(data.train, config.seed).gather(Array.from({ length: batchSize }, (_, i) => i)), data.train);
  try {
    const firstStep = await trainStep(a, x); // also the warm-up: first calls compile shaders and allocate
    return { firstStep, counts: count ? await countWarmStep(() => trainStep(a, x)) : null };
  } finally {
    x.dispose();
    disposeAmalgamation(a);
  }
}

async function countWarmStep(step: () => Promise<unknown>): Promise<StepCounts> {
  const webgpu = tf.getBackend() === 'webgpu';
  const calls = webgpu ? await countCalls(tf.backend(), WEBGPU_METHODS, step) : null;
  const profile = await profileStep(step, 3); // per-kernel median of 3: one profiled step is noisy
  const timed = !webgpu || (tf.backend() as { supportTimestampQuery?: boolean }).supportTimestampQuery === true;
  const top = [...profile.kernels].sort((p, q) => (timed ? q.ms - p.ms : q.calls - p.calls)).slice(0, 5);
  return {
    kernelCalls: profile.kernels.reduce((n, k) => n + k.calls, 0),
    kernelMs: timed ? profile.kernelMs : null,
    topKernels: top.map(({ name, calls, ms }) => ({ name, calls, ms })),
    dispatches: calls?.runWebGPUProgram ?? null,
    submits: calls?.submitQueue ?? null,
    readbacks: calls?.getBufferData ?? null,
  };
}
