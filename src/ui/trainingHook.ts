import { useCallback, useEffect, useReducer } from 'react';
import { WorkerCallError } from '../protocol/client';
import type { TrainingStateResult } from '../protocol/messages';
import { initialView, trainingReducer, type TrainingView } from './trainingView';
import { trainingWorker } from './workerClient';

export type TrainingCommand = 'startTraining' | 'pause' | 'resume' | 'stepOnce' | 'stopTraining';

export interface TrainingControls {
  view: TrainingView;
  send(command: TrainingCommand): void;
  resumeOffer(runId: string): void;
}

const describe = (error: unknown) => (error instanceof WorkerCallError ? `${error.code}: ${error.message}` : String(error));

/** The page's view of training in the worker: its events, the buttons' calls, and the resume offer. */
export function useTraining(): TrainingControls {
  const [view, dispatch] = useReducer(trainingReducer, initialView);

  useEffect(() => trainingWorker.on((event) => dispatch({ type: 'event', event })), []);

  useEffect(() => {
    let live = true;
    // A reload loses the worker; IndexedDB keeps the run's last checkpoint to offer back.
    trainingWorker.call({ kind: 'latestCheckpoint' }).then(
      (offer) => live && dispatch({ type: 'offer', offer }),
      () => undefined, // the worker was restarted under us (StrictMode remount): the next mount asks again
    );
    return () => void (live = false);
  }, []);

  const run = useCallback((call: () => Promise<TrainingStateResult>) => {
    dispatch({ type: 'busy' });
    call().then(
      (state) => dispatch({ type: 'state', state }),
      (error: unknown) => dispatch({ type: 'error', message: describe(error) }),
    );
  }, []);

  const send = useCallback((kind: TrainingCommand) => run(() => trainingWorker.call({ kind })), [run]);
  const resumeOffer = useCallback(
    (runId: string) => {
      dispatch({ type: 'offer', offer: null });
      run(() => trainingWorker.call({ kind: 'resumeFromCheckpoint', runId }));
    },
    [run],
  );
  return { view, send, resumeOffer };
}
