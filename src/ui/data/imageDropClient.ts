import { studioStore } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { createImageDrops } from './imageDrops';

/** The page's image drops: decoded by the page's one worker, recorded in the page's store. */
export const imageDrops = createImageDrops(
  { stage: (request) => trainingWorker.call(request), discard: (request) => trainingWorker.call(request), load: (request) => trainingWorker.call(request) },
  studioStore,
);

// Decode counts arrive as worker events while a drop loads; the page lives as long as this module.
trainingWorker.on((event) => imageDrops.progress(event));
