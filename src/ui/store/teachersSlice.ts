import type { StudioSlice } from './slice';

/** Teachers the studio knows: shipped cards, dropped models, which are picked for the run. */
export interface TeachersSlice {
  /** Placeholder until the slice is filled in. */
  teachersReady: boolean;
}

export const createTeachersSlice: StudioSlice<TeachersSlice> = () => ({
  teachersReady: true,
});
