import type { TrainingWorkerClient } from '../protocol/client';
import { WorkerCallError } from '../protocol/errors';
import type { ResultOf, WorkerErrorInfo, WorkerRequest } from '../protocol/messages';
import type { TeacherLoad } from './store/teachersSlice';

/** A call's outcome as plain data, so it crosses page.evaluate intact (errors keep their code). */
export type CallOutcome<K extends WorkerRequest['kind']> =
  | { ok: true; result: ResultOf<K> }
  | { ok: false; error: WorkerErrorInfo };

/**
 * `window.__ckaStudio`: drives the page's own worker from a test or the console.
 * `call` is the raw protocol; `loadTeacher` is what a card's Load button does, so its
 * outcome shows in the page.
 */
export interface StudioHook {
  call<R extends WorkerRequest>(request: R): Promise<CallOutcome<R['kind']>>;
  loadTeacher(id: string): Promise<TeacherLoad>;
}

declare global {
  interface Window {
    __ckaStudio?: StudioHook;
  }
}

export function studioHook(worker: TrainingWorkerClient, loadTeacher: (id: string) => Promise<TeacherLoad>): StudioHook {
  return {
    async call<R extends WorkerRequest>(request: R): Promise<CallOutcome<R['kind']>> {
      try {
        return { ok: true, result: await worker.call(request) };
      } catch (error) {
        if (error instanceof WorkerCallError) return { ok: false, error: { code: error.code, message: error.message } };
        throw error;
      }
    },
    loadTeacher,
  };
}

/** Puts the hook on `target` (the window); returns the function that takes it off. */
export function installStudioHook(target: Window, hook: StudioHook): () => void {
  target.__ckaStudio = hook;
  return () => {
    if (target.__ckaStudio === hook) delete target.__ckaStudio;
  };
}
