import * as tf from '@tensorflow/tfjs';
import type { LabelledImages } from './labelledImages';
import type { ImageShape } from './transferSet';

/** Images resized at once: 512 at 128 × 128 × 3 is 100 MB of float32, the most a step of this holds. */
const CHUNK = 512;

/** [n, h, w, c] uint8 -> [n, H, W, C] uint8: bilinear resize, then gray tiled to RGB or RGB averaged to gray. */
function reshapeChunk(pixels: Uint8Array, n: number, from: ImageShape, to: ImageShape): Uint8Array {
  return tf.tidy(() => {
    let x: tf.Tensor4D = tf.tensor4d(pixels, [n, from.height, from.width, from.channels], 'int32').toFloat();
    if (from.height !== to.height || from.width !== to.width) x = tf.image.resizeBilinear(x, [to.height, to.width]);
    // As toModelInput changes channels, so the student's images and a teacher's agree.
    if (from.channels !== to.channels) x = to.channels === 3 ? tf.tile(x, [1, 1, 1, 3]) : tf.mean(x, 3, true);
    return Uint8Array.from(x.round().clipByValue(0, 255).dataSync());
  });
}

/**
 * The set at another size and channel count (labels and styles kept); the same object when
 * it already has that shape, so a 60,000-image set at its own size costs nothing.
 */
export function withShape(set: LabelledImages, to: ImageShape): LabelledImages {
  if (set.height === to.height && set.width === to.width && set.channels === to.channels) return set;
  const [fromSize, toSize] = [set.height * set.width * set.channels, to.height * to.width * to.channels];
  const pixels = new Uint8Array(set.count * toSize);
  for (let start = 0; start < set.count; start += CHUNK) {
    const n = Math.min(CHUNK, set.count - start);
    pixels.set(reshapeChunk(set.pixels.subarray(start * fromSize, (start + n) * fromSize), n, set, to), start * toSize);
  }
  return { ...set, ...to, pixels };
}
