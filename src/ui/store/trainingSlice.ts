import type { StudioSlice } from './slice';

/** The run in the worker: state, progress, loss/accuracy/cohesion histories, embedding frames. */
export interface TrainingSlice {
  /** Placeholder until the slice is filled in. */
  trainingReady: boolean;
}

export const createTrainingSlice: StudioSlice<TrainingSlice> = () => ({
  trainingReady: true,
});
