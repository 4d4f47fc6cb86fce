import path from 'node:path';
import type { Split } from '../../src/core/data/dataSets';
import { loadLabelledImages, takeSamples, type LabelledImages } from '../../src/core/data/labelledImages';
import type { PresetName, RunConfig } from '../../src/core/method/config';
import { loadRunData } from '../../src/core/method/runData';
import { configFromPreset } from '../../src/core/method/resolveConfig';
import type { Teacher } from '../../src/core/teachers/loadTeacher';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../src/node/teacherFiles';

/** What every bench row shares: the MNIST pair, MNIST transfer images, a small evaluation set. */
export interface BenchData {
  teachers: Teacher[];
  train: LabelledImages;
  /** Evaluation only runs at epoch ends, outside the timed steps; 200 images keep it short. */
  test: LabelledImages;
}

export const BENCH_TEACHERS = ['mnist-0-4', 'mnist-5-9'];

/**
 * `transfer: 'test'` takes the transfer images from the MNIST test file too (1.6 MB instead of
 * 9.8 MB): the WebGPU bench ships only that file to a remote machine. It times steps and
 * compares losses; it reports no accuracy, so nothing is learnt from the test split.
 */
export async function loadBenchData(teacherIds = BENCH_TEACHERS, transfer: Split = 'train'): Promise<BenchData> {
  const teachers = await Promise.all(teacherIds.map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
  const { train, test } = transfer === 'train'
    ? await loadRunData('mnist', readDataFileFromDisk)
    : await loadLabelledImages('mnist', 'test', readDataFileFromDisk).then((t) => ({ train: t, test: t }));
  return { teachers, train, test: takeSamples(test, Array.from({ length: 200 }, (_, i) => i)) };
}

/** The student width of every bench row. */
const BENCH_WIDTH = 32;

/**
 * The run config of one bench row: one epoch holds exactly the warm-up and timed steps.
 * The PyTorch peer implements concatenated targets only, so every benched preset trains on them
 * (the same math on both sides; a target builder's per-batch cost is not in the comparison).
 * The student stays at width 32, the width of every row in docs/performance.md's history; the
 * default became 64 later (docs/results.md), and time to student measures that one.
 */
export function benchConfig(preset: PresetName, batchSize: number, stepsPerEpoch: number, epochs: number, studentWidth = BENCH_WIDTH): RunConfig {
  return configFromPreset(preset, {
    teachers: BENCH_TEACHERS, data: 'mnist', batchSize, transferLimit: batchSize * stepsPerEpoch, epochs, seed: 1, targetBuilder: 'concat', studentWidth,
  });
}
