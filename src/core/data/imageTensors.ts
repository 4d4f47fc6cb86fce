import * as tf from '@tensorflow/tfjs';
import type { ImageBatch, ImageShape } from './transferSet';

/** uint8 pixels -> float32 [B, H, W, C] in [0, 1]; each model then applies its own normalisation. */
export function batchToTensor(batch: ImageBatch, shape: ImageShape): tf.Tensor4D {
  const values = new Float32Array(batch.pixels.length);
  for (let i = 0; i < values.length; i++) values[i] = batch.pixels[i] / 255;
  return tf.tensor4d(values, [batch.size, shape.height, shape.width, shape.channels]);
}
