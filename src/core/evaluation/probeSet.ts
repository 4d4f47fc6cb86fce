import { seededRandom, shuffledIndices } from '../random';
import type { LabelArray } from './types';

/** Probe images per class of every run unless its cadence asks for more: 500 points for MNIST's 10 classes. */
export const DEFAULT_PROBE_PER_CLASS = 50;
/** The most a cadence may ask for; an embedding frame keeps at most 2,000 points (MAX_SNAPSHOT_POINTS) whatever it is. */
export const MAX_PROBE_PER_CLASS = 1000;

/**
 * A fixed, class-balanced probe subset: up to `perClass` samples of every label present (all of
 * a class that has fewer), chosen by one seeded shuffle, returned in ascending index order so
 * that the same seed and labels give the same probe set in every run and frame.
 */
export function selectProbeIndices(labels: LabelArray, perClass: number, seed: number): Int32Array {
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new RangeError(`perClass must be a positive integer, got ${perClass}`);
  }
  // One shuffle of all indices, then first-come per class: each class gets a uniform random
  // sample, and no class's draw depends on how many classes there are.
  const order = shuffledIndices(labels.length, seededRandom(seed));
  const taken = new Map<number, number>();
  const chosen: number[] = [];
  for (const i of order) {
    const count = taken.get(labels[i]) ?? 0;
    if (count >= perClass) continue;
    taken.set(labels[i], count + 1);
    chosen.push(i);
  }
  return Int32Array.from(chosen).sort();
}
