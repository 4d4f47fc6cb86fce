import type { StudioSlice } from './slice';

/** The run configuration being edited: preset, hyper-parameters, seed. */
export interface MethodSlice {
  /** Placeholder until the slice is filled in. */
  methodReady: boolean;
}

export const createMethodSlice: StudioSlice<MethodSlice> = () => ({
  methodReady: true,
});
