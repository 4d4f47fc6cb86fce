import * as tf from '@tensorflow/tfjs';
import type { PresetName } from '../../src/core/method/config';
import { createTrainingSession } from '../../src/core/method/trainingSession';
import { benchConfig, type BenchData } from './benchSetup';
import type { PeerClient } from './peerClient';
import { PeerRun } from './peerRow';
import type { PhaseTimes } from './phases';

/** One side's step times, warm-up dropped. */
export interface StepTimes {
  /** First epoch: the teachers run on every batch (the cache, if on, is being filled). */
  teachersRun: number[];
  /** Second epoch: teacher outputs come from the cache (null when it is off). */
  cached: number[] | null;
}

export interface PeerTimes extends StepTimes {
  phasesMs: PhaseTimes;
  threads: number;
  torch: string;
}

export interface RowOptions {
  preset: PresetName;
  batchSize: number;
  steps: number;
  warmup: number;
  cacheBytes: number;
  peerThreads: number;
}

/**
 * One row: the studio's own step (TrainingSession: batch gather, tensor, teacher cache,
 * trainStep) on the current backend and, when there is a peer, the peer's step, alternating
 * step by step so that both see the same machine load. Each epoch holds warm-up + timed steps;
 * with the cache there are two epochs (teachers run, then cached) on both sides.
 */
export async function timeRow(data: BenchData, o: RowOptions, peer: PeerClient | null): Promise<{ tfjs: StepTimes; peer: PeerTimes | null }> {
  const perEpoch = o.warmup + o.steps;
  const epochs = o.cacheBytes > 0 ? 2 : 1;
  const config = benchConfig(o.preset, o.batchSize, perEpoch, epochs);
  const session = createTrainingSession({ config, teachers: data.teachers, train: data.train, test: data.test, backend: tf.getBackend(), teacherCacheBytes: o.cacheBytes });
  const peerRun = peer ? await PeerRun.open(peer, data, config, o.cacheBytes > 0, o.peerThreads) : null;
  const peerMs: number[] = [];
  try {
    for (let i = 0; i < perEpoch * epochs; i++) {
      await session.step();
      if (peerRun) peerMs.push(await peerRun.step());
    }
    const split = (t: readonly number[]): StepTimes => ({
      teachersRun: t.slice(o.warmup, perEpoch),
      cached: epochs === 2 ? t.slice(perEpoch + o.warmup, 2 * perEpoch) : null,
    });
    const peerTimes = peerRun ? { ...split(peerMs), phasesMs: await peerRun.phases(), threads: peerRun.threads, torch: peerRun.torch } : null;
    return { tfjs: split(session.stepTimes), peer: peerTimes };
  } finally {
    await session.dispose();
  }
}
