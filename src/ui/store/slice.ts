import type { StateCreator } from 'zustand';
import type { StudioState } from './studioStore';

/** A slice creator: sees the whole store, contributes `T`. */
export type StudioSlice<T> = StateCreator<StudioState, [], [], T>;
