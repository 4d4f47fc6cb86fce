import type { TrainingWorkerClient } from '../../protocol/client';
import type { StudioStore } from './studioStore';

type EventSource = Pick<TrainingWorkerClient, 'on' | 'call'>;

/**
 * Feeds the worker's training events into the store, and asks once for a checkpoint to
 * offer back (a reload loses the worker; IndexedDB keeps the run). No component needed.
 * The first embedding frame of each run also fetches that run's probe images (for the
 * plot's hover), whichever way the run was started. Returns the function that stops listening.
 */
export function connectWorkerEvents(worker: EventSource, store: StudioStore): () => void {
  let live = true;
  let askedFor: string | null = null;
  const fetchProbeImages = () => {
    const { progress, probeImages } = store.getState();
    const runId = progress.runId;
    if (runId === null || probeImages?.runId === runId || askedFor === runId) return;
    askedFor = runId;
    worker.call({ kind: 'probeImages' }).then(
      (images) => live && store.getState().setProbeImages({ ...images, runId }),
      () => void (askedFor = null), // the plot works without them; the next frame asks again
    );
  };
  const off = worker.on((event) => {
    store.getState().receiveEvent(event);
    if (event.kind === 'training-embedding') fetchProbeImages();
  });
  worker.call({ kind: 'latestCheckpoint' }).then(
    (offer) => live && store.getState().setOffer(offer),
    () => undefined, // the worker was restarted under us (StrictMode remount): the next connect asks again
  );
  return () => {
    live = false;
    off();
  };
}
