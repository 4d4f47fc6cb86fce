import { createStore, useStore } from 'zustand';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createMethodSlice, type MethodSlice } from './methodSlice';
import { createTeachersSlice, type TeachersSlice } from './teachersSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';

/**
 * The studio's one store, built from slices (zustand's slices pattern). Each slice keeps
 * its actions beside its state; a slice may read the others through `get()`.
 * It is a vanilla store, so the module that receives worker events can write to it
 * without a component.
 */
export type StudioState = TeachersSlice & DataSlice & MethodSlice & TrainingSlice;

export function createStudioStore() {
  return createStore<StudioState>()((...a) => ({
    ...createTeachersSlice(...a),
    ...createDataSlice(...a),
    ...createMethodSlice(...a),
    ...createTrainingSlice(...a),
  }));
}

export type StudioStore = ReturnType<typeof createStudioStore>;

/** The page's store. Tests make their own with createStudioStore(). */
export const studioStore = createStudioStore();

export function useStudio<T>(selector: (state: StudioState) => T): T {
  return useStore(studioStore, selector);
}
