import { TrainingWorkerClient } from '../protocol/client';

/** The page's one training worker; it starts on the first call. */
export const trainingWorker = new TrainingWorkerClient();
