import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toModelInput } from './preprocess';
import type { InputSpec } from './teacherMetadata';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = (size: number, channels: 1 | 3): InputSpec => ({ height: size, width: size, channels, mean: 0, std: 1 });

/** Mean of each channel of each image: a resize keeps it (nearly), a channel mix-up would not. */
const channelMeans = (x: tf.Tensor4D) => tf.tidy(() => x.mean([1, 2]).arraySync() as number[][]);

describe('toModelInput', () => {
  it('a colour image reaches a colour teacher of another size with each channel intact', () => {
    // Left half red-ish, right half blue-ish, green a constant: 32 x 32 -> 28 and 64.
    const values = new Float32Array(32 * 32 * 3);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) values.set(x < 16 ? [0.9, 0.3, 0.1] : [0.2, 0.3, 0.8], (y * 32 + x) * 3);
    const image = tf.tensor4d(values, [1, 32, 32, 3]);
    for (const size of [28, 32, 64]) {
      const [[r, g, b]] = channelMeans(toModelInput(image, spec(size, 3)));
      expect(r, `${size}`).toBeCloseTo(0.55, 1);
      expect(g, `${size}`).toBeCloseTo(0.3, 5);
      expect(b, `${size}`).toBeCloseTo(0.45, 1);
    }
  });

  it('a gray image reaches a colour teacher as R = G = B, and a colour one reaches a gray teacher as its mean', () => {
    const gray = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const rgb = toModelInput(gray, spec(32, 3)).arraySync() as number[][][][];
    for (const image of rgb) for (const row of image) for (const [r, g, b] of row) expect(r === g && g === b).toBe(true);
    const colour = tf.tensor4d([0.3, 0.6, 0.9], [1, 1, 1, 3]);
    expect(toModelInput(colour, spec(1, 1)).dataSync()[0]).toBeCloseTo(0.6, 6);
  });
});
