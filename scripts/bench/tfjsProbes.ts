import * as tf from '@tensorflow/tfjs';
import { batchToTensor } from '../../src/core/data/imageTensors';
import { toTransferSet } from '../../src/core/data/transferSet';
import { createAmalgamation, disposeAmalgamation, runTeachers, trainStep } from '../../src/core/method/amalgamation';
import type { PresetName } from '../../src/core/method/config';
import { benchConfig, type BenchData } from './benchSetup';
import { profileStep, type StepProfile } from './kernelProfile';
import { timePhases, type PhaseTimes } from './phases';

export interface TfjsProbes {
  phases: PhaseTimes;
  /** One step with the teachers run, profiled kernel by kernel. */
  profile: StepProfile;
  /** One step with teacher outputs given (as the cache gives them). */
  cachedProfile: StepProfile;
}

/** Phase split and kernel profile of one row, on a fresh amalgamation and the first batch. */
export async function probeTfjsRow(data: BenchData, preset: PresetName, batchSize: number, reps: number): Promise<TfjsProbes> {
  const config = benchConfig(preset, batchSize, 1, 1);
  const a = createAmalgamation(config, data.teachers, data.train);
  const batch = toTransferSet(data.train, config.seed).gather(Array.from({ length: batchSize }, (_, i) => i));
  const x = batchToTensor(batch, data.train);
  try {
    await trainStep(a, x); // warm-up: first calls compile and allocate
    const profile = await profileStep(() => trainStep(a, x));
    const teachers = runTeachers(a.teachers, x);
    const cachedProfile = await profileStep(() => trainStep(a, x, undefined, teachers));
    tf.dispose([...teachers.features, ...teachers.logits]);
    const phases = await timePhases(a, x, reps);
    return { phases, profile, cachedProfile };
  } finally {
    x.dispose();
    disposeAmalgamation(a);
  }
}
