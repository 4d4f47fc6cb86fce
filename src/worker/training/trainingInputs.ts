import { dataSets, type DataSetId } from '../../core/data/dataSets';
import { concatLabelledImages, loadLabelledImages, type LabelledImages } from '../../core/data/labelledImages';
import type { RunConfig } from '../../core/method/config';
import { atWorkingResolution, loadRunData } from '../../core/method/runData';
import type { SessionInputs } from '../../core/method/trainingSession';
import type { Teacher } from '../../core/teachers/loadTeacher';
import type { DroppedData } from '../data/droppedData';
import { isDroppedData } from '../data/droppedData';
import { WorkerFailure } from '../failure';
import { cachedPromise as cached } from '../promiseCache';
import type { TeacherRegistry } from '../teachers/teacherRegistry';
import type { TeacherSources } from '../teachers/teacherSources';

export type LoadTrainingInputs = (config: RunConfig) => Promise<SessionInputs>;

type RunImages = { train: LabelledImages; test: LabelledImages };

/** The built-in test sets the teachers came from (MNIST when none says): a dropped set's fallback evaluation. */
function teachersDataSets(teachers: Teacher[]): DataSetId[] {
  const named = new Set(teachers.flatMap((t) => (t.metadata.provenance ? [t.metadata.provenance.dataSet] : [])));
  return (Object.keys(dataSets) as DataSetId[]).filter((id) => named.has(id)).concat(named.size === 0 ? ['mnist'] : []);
}

/**
 * Teachers (from the worker's one registry, shipped or dropped) and transfer data for a run,
 * built-in or dropped. Kept across runs: a restart or a resume does not refetch 50 MB.
 */
export function trainingInputsLoader(registry: TeacherRegistry, dropped: DroppedData, sources: TeacherSources, backend: () => string | null): LoadTrainingInputs {
  const builtIn = new Map<string, Promise<RunImages>>();
  const tests = new Map<string, Promise<LabelledImages>>();

  async function droppedImages(config: RunConfig, teachers: Teacher[]): Promise<RunImages> {
    if (config.supervised) {
      throw new WorkerFailure('bad-config', `config.supervised needs true labels, and the dropped transfer set '${config.data}' has none`);
    }
    const set = dropped.get(config.data);
    if (set.evaluation) return { train: set.transfer, test: set.evaluation };
    const ids = teachersDataSets(teachers);
    const test = await cached(tests, ids.join('+'), async () => {
      const sets = await Promise.all(ids.map((id) => loadLabelledImages(id, 'test', sources.readData)));
      return sets.reduce((a, b) => concatLabelledImages(a, b));
    });
    return { train: set.transfer, test };
  }

  return async (config) => {
    const name = backend();
    if (name === null) throw new WorkerFailure('not-initialized', 'cannot train before the worker has a tfjs backend: send init first');
    const teachers: Teacher[] = [];
    for (const id of config.teachers) teachers.push((await registry.get(id)).teacher);
    const images = isDroppedData(config.data)
      ? await droppedImages(config, teachers)
      : await cached(builtIn, config.data, () => loadRunData(config.data as Parameters<typeof loadRunData>[0], sources.readData));
    const { train, test } = atWorkingResolution(config, teachers.map((t) => t.metadata.input), images);
    return { config, teachers, train, test, backend: name };
  };
}
