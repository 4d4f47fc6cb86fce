import type { StudioSlice } from './slice';

/** The transfer set (built-in or dropped images) and the optional labelled evaluation set. */
export interface DataSlice {
  /** Placeholder until the slice is filled in. */
  dataReady: boolean;
}

export const createDataSlice: StudioSlice<DataSlice> = () => ({
  dataReady: true,
});
