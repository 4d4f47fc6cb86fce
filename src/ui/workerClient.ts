import { TrainingWorkerClient } from '../protocol/client';
import { TeacherLoads } from './teachers/teacherLoads';

/**
 * The page's one training worker; it starts on the first call. The URL is written here,
 * beside the page, so Vite bundles the worker as its own entry; the protocol only calls it.
 */
export const trainingWorker = new TrainingWorkerClient(
  () => new Worker(new URL('../worker/trainingWorker.ts', import.meta.url), { type: 'module' }),
);

/** What the page knows of the teachers loaded into that worker. */
export const teacherLoads = new TeacherLoads((id) => trainingWorker.call({ kind: 'loadTeacher', id }));
