import { requireShipped } from '../../browser/teacherZoo';
import { loadLabelledImages } from '../../core/data/labelledImages';
import { toTransferSet, type ImageBatch, type ImageShape } from '../../core/data/transferSet';
import type { RunConfig } from '../../core/method/config';
import { configFromPreset } from '../../core/method/resolveConfig';
import type { ModelFiles } from '../../core/teachers/modelArtifacts';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { TeacherSources } from '../teachers/teacherSources';

/**
 * Everything a timed CKA step needs, as plain bytes: no tensors, so it outlives backend
 * switches and each backend builds (and disposes) its own models from it.
 */
export interface CkaFixture {
  config: RunConfig;
  teachers: { metadata: TeacherMetadata; files: ModelFiles }[];
  shape: ImageShape;
  /** The first batch the real run would train on (epoch 0 of the seeded transfer order). */
  batch: ImageBatch;
}

/** Weight shards fetched once, however many backends rebuild the teacher. */
function rememberWeights(files: ModelFiles): ModelFiles {
  const shards = new Map<string, Promise<ArrayBuffer | undefined>>();
  return {
    ...files,
    readWeights(path) {
      if (!shards.has(path)) shards.set(path, files.readWeights(path));
      return shards.get(path)!;
    },
  };
}

/** The batch size the trial and the benchmark train with (the preset's default). */
export const TRIAL_BATCH_SIZE = 64;

async function loadFixture(sources: TeacherSources): Promise<CkaFixture> {
  const config = configFromPreset('cka', { batchSize: TRIAL_BATCH_SIZE });
  const ids = await sources.teacherIds();
  const teachers = await Promise.all(
    config.teachers.map(async (id) => {
      requireShipped(id, ids);
      const [metadata, files] = await Promise.all([sources.metadata(id), sources.modelFiles(id)]);
      return { metadata, files: rememberWeights(files) };
    }),
  );
  const train = await loadLabelledImages('mnist', 'train', sources.readData);
  const batch = toTransferSet(train, config.seed).batches(config.batchSize, 0, true).next().value;
  if (!batch) throw new Error(`mnist/train holds fewer than ${config.batchSize} images`);
  const { height, width, channels } = train;
  // Only the batch is kept: the 47 MB split is garbage once this returns.
  return { config, teachers, shape: { height, width, channels }, batch };
}

/** Loads the fixture on first use; a failed load is retried next time. */
export function ckaFixtureLoader(sources: TeacherSources): () => Promise<CkaFixture> {
  let pending: Promise<CkaFixture> | null = null;
  return () => {
    pending ??= loadFixture(sources).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
