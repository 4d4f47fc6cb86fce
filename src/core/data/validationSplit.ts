import { seededRandom, shuffledIndices } from '../random';
import { takeSamples, type LabelledImages } from './labelledImages';

/**
 * Settings are chosen on labelled images carved from the *train* split, never on test.
 * One fixed seeded permutation: its last VALIDATION_SIZE images validate; the rest (in their
 * original order) remain the training pool the transfer set is drawn from, so no validation
 * image is ever trained on.
 */
export const VALIDATION_SIZE = 5000;
export const VALIDATION_SEED = 20261204;

/**
 * 5,000 where the train split is large (MNIST, Fashion: 55,000 left to train on); a fifth of
 * it where it is small (the emoji set's 824 train images keep 660 and validate on 164), so
 * small sets can be validated at all.
 */
export const validationSizeFor = (trainCount: number): number => Math.min(VALIDATION_SIZE, Math.floor(trainCount / 5));

/** The permutation both the split and the pseudo-label study (scripts/experiments) use. */
export function validationOrder(count: number): Int32Array {
  return Int32Array.from(shuffledIndices(count, seededRandom(VALIDATION_SEED)));
}

export function splitValidation(train: LabelledImages, size = validationSizeFor(train.count)): { train: LabelledImages; validation: LabelledImages } {
  if (size <= 0 || size >= train.count) throw new RangeError(`a validation split of ${size} needs more than ${train.count} training images`);
  const order = validationOrder(train.count);
  const held = order.subarray(train.count - size);
  const isHeld = new Uint8Array(train.count);
  held.forEach((i) => (isHeld[i] = 1));
  const rest: number[] = [];
  for (let i = 0; i < train.count; i++) if (!isHeld[i]) rest.push(i);
  return {
    train: takeSamples(train, rest, `${train.source} minus validation`),
    validation: takeSamples(train, held, `${train.source} validation`),
  };
}
