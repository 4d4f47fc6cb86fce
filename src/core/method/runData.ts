import { concatLabelledImages, loadLabelledImages, takeSamples, type LabelledImages, type ReadDataFile } from '../data/labelledImages';
import type { Split } from '../data/dataSets';
import { epochOrder } from '../data/transferSet';
import { withShape } from '../data/resizeImages';
import { workingResolution, type TeacherInputSize } from '../data/workingResolution';
import { isBuiltInData, type RunConfig, type TransferData } from './config';

async function load(data: TransferData, split: Split, read: ReadDataFile): Promise<LabelledImages> {
  if (!isBuiltInData(data)) throw new Error(`data '${data}' was dropped in the studio; only its worker holds those images`);
  if (data !== 'mnist+fashion-mnist') return loadLabelledImages(data, split, read);
  const [digits, fashion] = await Promise.all([loadLabelledImages('mnist', split, read), loadLabelledImages('fashion-mnist', split, read)]);
  return concatLabelledImages(digits, fashion);
}

/** The transfer images (train split) and the evaluation set (test split) of a run. */
export async function loadRunData(data: TransferData, read: ReadDataFile): Promise<{ train: LabelledImages; test: LabelledImages }> {
  const [train, test] = await Promise.all([load(data, 'train', read), load(data, 'test', read)]);
  return { train, test };
}

/** A seeded subset of `limit` images (all when limit is 0), so short runs still see every class. */
export function limitImages(set: LabelledImages, limit: number, seed: number): LabelledImages {
  if (limit <= 0 || limit >= set.count) return set;
  return takeSamples(set, epochOrder(set.count, seed, 9999).subarray(0, limit));
}

/**
 * A run's images at its working resolution (config.resolution, 'auto' read from the
 * teachers' input sizes and never above the transfer set's own): the transfer images and the
 * evaluation set both, at the transfer set's channels, since the student reads both. Sets
 * already of that shape come back as they are.
 */
export function atWorkingResolution(config: Pick<RunConfig, 'resolution'>, teachers: readonly TeacherInputSize[], images: { train: LabelledImages; test: LabelledImages }): { train: LabelledImages; test: LabelledImages } {
  const { train, test } = images;
  const side = workingResolution(config.resolution, teachers, Math.max(train.height, train.width));
  const shape = { height: side, width: side, channels: train.channels };
  return { train: withShape(train, shape), test: withShape(test, shape) };
}
