import { useEffect, useState } from 'react';
import { errorText } from '../../protocol/errors';
import type { BackendName, InitResult } from '../../protocol/messages';
import { studioStore } from '../store/studioStore';
import { trainingWorker } from '../workerClient';

export type WorkerStatus =
  | { phase: 'starting' }
  | { phase: 'ready'; result: InitResult; readyMs: number }
  | { phase: 'error'; message: string };

/** Starts the training worker once and follows it to ready or error. */
export function useWorkerStatus(backend: BackendName | undefined): WorkerStatus {
  const [status, setStatus] = useState<WorkerStatus>({ phase: 'starting' });
  useEffect(() => {
    const controller = new AbortController();
    const started = performance.now();
    setStatus({ phase: 'starting' });
    trainingWorker.call({ kind: 'init', backend }, controller.signal).then(
      (result) => {
        setStatus({ phase: 'ready', result, readyMs: performance.now() - started });
        studioStore.getState().setWorkerReady(true); // Start may now send its run
      },
      (error: unknown) => {
        // Our own cleanup aborted it (StrictMode remount, unmount): nothing to show.
        if (controller.signal.aborted) return;
        setStatus({ phase: 'error', message: errorText(error) });
        studioStore.getState().setWorkerReady(false);
      },
    );
    return () => controller.abort();
  }, [backend]);
  return status;
}
