import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../random';

/** Cheap, label-preserving perturbations of small greyscale images; every field 0 turns that part off. */
export interface AugmentOptions {
  /** Largest whole-pixel shift along each axis (drawn uniformly in [-maxShift, maxShift]). */
  maxShift: number;
  /** Largest rotation in degrees (drawn uniformly in ±maxRotationDegrees). */
  maxRotationDegrees: number;
  /** Standard deviation of added gaussian noise, in [0, 1] pixel units; the result is clipped to [0, 1]. */
  noiseStd: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { maxShift: 2, maxRotationDegrees: 10, noiseStd: 0.05 };

/** Per-image draws, taken from `seed` in a fixed order, so one seed gives one augmented batch. */
interface Draw {
  dx: number;
  dy: number;
  radians: number;
}

function draws(count: number, o: AugmentOptions, seed: number): Draw[] {
  const random = seededRandom(seed);
  const int = (m: number) => Math.min(m, Math.floor(random() * (2 * m + 1)) - m);
  return Array.from({ length: count }, () => ({
    dx: int(o.maxShift),
    dy: int(o.maxShift),
    radians: ((random() * 2 - 1) * o.maxRotationDegrees * Math.PI) / 180,
  }));
}

/**
 * The projective transform (tf.image.transform's 8 numbers) mapping each output pixel back to
 * its input pixel: rotation by `radians` about the image centre, then a shift by (dx, dy).
 */
function inverseMap({ dx, dy, radians }: Draw, height: number, width: number): number[] {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  // input = R^-1 (output - shift - centre) + centre
  const a0 = cos;
  const a1 = sin;
  const b0 = -sin;
  const b1 = cos;
  const ox = cx - a0 * (cx + dx) - a1 * (cy + dy);
  const oy = cy - b0 * (cx + dx) - b1 * (cy + dy);
  return [a0, a1, ox, b0, b1, oy, 0, 0];
}

/**
 * A seeded augmentation of a batch in [0, 1]: per image a whole-pixel shift and a small
 * rotation (bilinear, zero fill), then gaussian noise. The same images, options and seed give
 * the same output on every backend that implements Transform (cpu, wasm, webgl, webgpu).
 */
export function augmentImages(images01: tf.Tensor4D, options: AugmentOptions, seed: number): tf.Tensor4D {
  const [b, h, w] = images01.shape;
  const perImage = draws(b, options, seed);
  return tf.tidy(() => {
    let out = images01;
    if (options.maxShift > 0 || options.maxRotationDegrees > 0) {
      const maps = tf.tensor2d(perImage.flatMap((d) => inverseMap(d, h, w)), [b, 8]);
      const interpolation = options.maxRotationDegrees > 0 ? 'bilinear' : 'nearest';
      out = tf.image.transform(out, maps, interpolation, 'constant', 0);
    }
    if (options.noiseStd > 0) {
      out = tf.clipByValue(tf.add(out, tf.randomNormal(out.shape, 0, options.noiseStd, 'float32', seed)), 0, 1);
    }
    return out === images01 ? tf.clone(images01) : out;
  });
}
