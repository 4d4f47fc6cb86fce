import * as tf from '@tensorflow/tfjs';
import type { InputSpec } from './teacherMetadata';

/**
 * Turns [0, 1] images of the data set's shape into what one model was trained on: each
 * teacher sees the input resized and normalised to its own spec.
 */
export function toModelInput(images01: tf.Tensor4D, spec: InputSpec): tf.Tensor4D {
  return tf.tidy(() => {
    let x = images01;
    const [, height, width, channels] = x.shape;
    if (height !== spec.height || width !== spec.width) x = tf.image.resizeBilinear(x, [spec.height, spec.width]);
    if (channels !== spec.channels) x = spec.channels === 3 ? tf.tile(x, [1, 1, 1, 3]) : tf.mean(x, 3, true);
    return x.sub(spec.mean).div(spec.std);
  });
}
