import * as tf from '@tensorflow/tfjs';

/**
 * float32 one-hot rows [N, depth]. Built as int32 then cast: tfjs 4.22's wasm OneHot with
 * dtype 'float32' writes the int32 bit pattern (1 reads as 1.4e-45).
 */
export function oneHotFloat(indices: tf.Tensor1D, depth: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(indices, depth), 'float32') as tf.Tensor2D);
}
