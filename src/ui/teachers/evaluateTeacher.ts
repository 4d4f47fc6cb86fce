import { errorInfo } from '../../protocol/errors';
import type { EvaluateTeacherRequest, EvaluateTeacherResult, WorkerEvent } from '../../protocol/messages';
import type { StudioStore } from '../store/studioStore';

/** The worker as Evaluate needs it: the call, and its events for the progress. */
export interface EvaluateWorker {
  call(request: EvaluateTeacherRequest): Promise<EvaluateTeacherResult>;
  on(listener: (event: WorkerEvent) => void): () => void;
}

/**
 * Measures teacher `id` in the worker (on the built-in test set of its classes, or on the
 * labelled folder of the dropped set `on`), writing progress and the figure into the store,
 * where the card keeps it. Resolves, never rejects.
 */
export async function evaluateTeacherInto(store: StudioStore, worker: EvaluateWorker, id: string, on?: string): Promise<void> {
  const { setTeacherEvaluation } = store.getState();
  setTeacherEvaluation(id, { phase: 'running', done: 0, total: 0 });
  const off = worker.on((event) => {
    if (event.kind === 'teacher-evaluation-progress' && event.progress.id === id) {
      setTeacherEvaluation(id, { phase: 'running', done: event.progress.done, total: event.progress.total });
    }
  });
  try {
    const result = await worker.call({ kind: 'evaluateTeacher', id, split: 'test', on });
    setTeacherEvaluation(id, { phase: 'done', result });
  } catch (error) {
    setTeacherEvaluation(id, { phase: 'failed', error: errorInfo(error) });
  } finally {
    off();
  }
}
