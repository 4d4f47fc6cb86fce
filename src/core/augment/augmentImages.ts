import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../random';
import { shiftImages } from './shift';

/** Cheap, label-preserving perturbations of small greyscale images; every field 0 turns that part off. */
export interface AugmentOptions {
  /** Largest whole-pixel shift along each axis (drawn uniformly in [-maxShift, maxShift]). */
  maxShift: number;
  /** Largest rotation in whole degrees (drawn uniformly among the whole degrees in ±maxRotationDegrees). */
  maxRotationDegrees: number;
  /** Standard deviation of added gaussian noise, in [0, 1] pixel units; the result is clipped to [0, 1]. */
  noiseStd: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { maxShift: 2, maxRotationDegrees: 10, noiseStd: 0.05 };

/** Per-image draws, taken from `seed` in a fixed order, so one seed gives one augmented batch. */
interface Draw {
  dx: number;
  dy: number;
  /** Whole degrees, so images fall into few groups (one rotation call per group). */
  degrees: number;
}

function draws(count: number, o: AugmentOptions, seed: number): Draw[] {
  const random = seededRandom(seed);
  const int = (m: number) => Math.min(m, Math.floor(random() * (2 * m + 1)) - m);
  return Array.from({ length: count }, () => ({ dx: int(o.maxShift), dy: int(o.maxShift), degrees: int(Math.floor(o.maxRotationDegrees)) }));
}

/**
 * `fn` applied to each group of images sharing a key, the results put back in the batch's order.
 * tf.image.transform would take one matrix per image, but tfjs 4.22's cpu Transform kernel
 * returns after the first image (the rest stay at the fill value), so the per-image variety
 * comes from grouping instead: at most (2·maxShift + 1)² shift groups and 2·maxRotation + 1
 * rotation groups per batch.
 */
function perGroup(images: tf.Tensor4D, keys: string[], fn: (group: tf.Tensor4D, first: number) => tf.Tensor4D): tf.Tensor4D {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]));
  if (groups.size === 1) return fn(images, 0);
  const order = [...groups.values()].flat();
  const parts = [...groups.values()].map((members) => fn(tf.gather(images, members) as tf.Tensor4D, members[0]));
  const back = new Int32Array(order.length);
  order.forEach((image, position) => (back[image] = position));
  return tf.gather(tf.concat(parts, 0), Array.from(back)) as tf.Tensor4D;
}

/**
 * A seeded augmentation of a batch in [0, 1]: per image a small rotation about the centre
 * (whole degrees, nearest pixel, zero fill), then a whole-pixel shift (zero fill), then gaussian
 * noise clipped to [0, 1]. The same images, options and seed give the same output on every backend.
 */
export function augmentImages(images01: tf.Tensor4D, options: AugmentOptions, seed: number): tf.Tensor4D {
  const perImage = draws(images01.shape[0], options, seed);
  return tf.tidy(() => {
    let out: tf.Tensor4D = images01;
    if (options.maxRotationDegrees >= 1) {
      out = perGroup(out, perImage.map((d) => `${d.degrees}`), (g, i) => (perImage[i].degrees === 0 ? g : tf.image.rotateWithOffset(g, (perImage[i].degrees * Math.PI) / 180, 0)));
    }
    if (options.maxShift > 0) out = perGroup(out, perImage.map((d) => `${d.dx},${d.dy}`), (g, i) => shiftImages(g, perImage[i].dx, perImage[i].dy));
    if (options.noiseStd > 0) {
      out = tf.clipByValue(tf.add(out, tf.randomNormal(out.shape, 0, options.noiseStd, 'float32', seed)), 0, 1) as tf.Tensor4D;
    }
    return out === images01 ? tf.clone(images01) : out;
  });
}
