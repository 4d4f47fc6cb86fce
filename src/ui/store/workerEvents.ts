import type { TrainingWorkerClient } from '../../protocol/client';
import type { WorkerEvent } from '../../protocol/messages';
import { browserFrameClock, frameBatcher, type FrameClock } from './frameBatch';
import type { StudioStore } from './studioStore';

type EventSource = Pick<TrainingWorkerClient, 'on' | 'call'>;

/**
 * Feeds the worker's training events into the store, and asks once for a checkpoint to
 * offer back (a reload loses the worker; IndexedDB keeps the run). No component needed.
 * The first embedding frame of each run also fetches that run's probe images (for the
 * plot's hover), whichever way the run was started. Events reach the store in one update per
 * animation frame (frameBatch.ts). Returns the function that stops listening.
 */
export function connectWorkerEvents(worker: EventSource, store: StudioStore, clock: FrameClock = browserFrameClock): () => void {
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
  const batcher = frameBatcher<WorkerEvent>((events) => {
    if (!live) return;
    store.getState().receiveEvents(events);
    if (events.some((e) => e.kind === 'training-embedding')) fetchProbeImages();
  }, clock);
  store.getState().setEventFlush(batcher.flush);
  const off = worker.on((event) => batcher.push(event));
  worker.call({ kind: 'latestCheckpoint' }).then(
    (offer) => live && store.getState().setOffer(offer),
    () => undefined, // the worker was restarted under us (StrictMode remount): the next connect asks again
  );
  return () => {
    live = false;
    batcher.cancel();
    store.getState().setEventFlush(() => undefined);
    off();
  };
}
