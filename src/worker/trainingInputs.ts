import { requireShipped } from '../browser/teacherZoo';
import type { LabelledImages } from '../core/data/labelledImages';
import type { RunConfig, TransferData } from '../core/method/config';
import { loadRunData } from '../core/method/runData';
import type { SessionInputs } from '../core/method/trainingSession';
import { loadTeacher, type Teacher } from '../core/teachers/loadTeacher';
import { WorkerFailure } from './failure';
import type { TeacherSources } from './teacherSources';

export type LoadTrainingInputs = (config: RunConfig) => Promise<SessionInputs>;

/** Caches a promise, forgetting it when it fails so the next call retries. */
function cached<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  if (!cache.has(key)) cache.set(key, load().catch((error: unknown) => (cache.delete(key), Promise.reject(error))));
  return cache.get(key)!;
}

/**
 * Teachers and transfer data for a run, through the same core loaders the teacher handlers
 * and the Node scripts use. Kept across runs: a restart or a resume does not refetch 50 MB.
 * Teachers live on one tfjs backend, so they are reloaded if the backend changed.
 */
export function trainingInputsLoader(sources: TeacherSources, backend: () => string | null): LoadTrainingInputs {
  let teachersBackend: string | null = null;
  const teachers = new Map<string, Promise<Teacher>>();
  const data = new Map<TransferData, Promise<{ train: LabelledImages; test: LabelledImages }>>();

  async function teacher(id: string): Promise<Teacher> {
    requireShipped(id, await sources.teacherIds());
    const [files, metadata] = await Promise.all([sources.modelFiles(id), sources.metadata(id)]);
    return loadTeacher(files, metadata);
  }

  return async (config) => {
    const name = backend();
    if (name === null) throw new WorkerFailure('not-initialized', 'cannot train before the worker has a tfjs backend: send init first');
    if (teachersBackend !== name) {
      for (const t of teachers.values()) void t.then((x) => x.dispose(), () => undefined);
      teachers.clear();
      teachersBackend = name;
    }
    const loaded = await Promise.all(config.teachers.map((id) => cached(teachers, id, () => teacher(id))));
    const { train, test } = await cached(data, config.data, () => loadRunData(config.data, sources.readData));
    return { config, teachers: loaded, train, test, backend: name };
  };
}
