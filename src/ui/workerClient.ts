import { TrainingWorkerClient } from '../protocol/client';
import { studioStore } from './store/studioStore';
import { loadTeacherInto } from './teachers/loadTeacher';

/**
 * The page's one training worker; it starts on the first call. The URL is written here,
 * beside the page, so Vite bundles the worker as its own entry; the protocol only calls it.
 */
export const trainingWorker = new TrainingWorkerClient(
  () => new Worker(new URL('../worker/trainingWorker.ts', import.meta.url), { type: 'module' }),
);

/** What a card's Load button does: loads into that worker, the outcome kept in the teachers slice. */
export const loadTeacher = (id: string) => loadTeacherInto(studioStore, (teacher) => trainingWorker.call({ kind: 'loadTeacher', id: teacher }), id);
