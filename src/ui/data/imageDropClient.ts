import { studioStore } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { createImageDrops } from './imageDrops';

/** The page's image drops: decoded by the page's one worker, recorded in the page's store. */
export const imageDrops = createImageDrops((request) => trainingWorker.call(request), studioStore);
