import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../method/testFixtures';
import { scalingCandidates, scorePredictions, spreadSample } from './inputScaling';

describe('input scaling check', () => {
  beforeAll(useCpuBackend);

  it('scores one class for everything as no variety, and flat rows as no confidence', () => {
    expect(scorePredictions([[0.9, 0.1], [0.8, 0.2]])).toEqual({ confidence: expect.closeTo(0.85, 6), variety: 0, saturation: 0 });
    expect(scorePredictions([[0.5, 0.5], [0.5, 0.5]]).confidence).toBe(0.5);
    // Rows at 1 exactly are saturated: what an input far out of the model's scale gives.
    expect(scorePredictions([[1, 0], [0, 1], [0.6, 0.4], [0.4, 0.6]])).toEqual({ confidence: 0.8, variety: 1, saturation: 0.5 });
  });

  it("offers [0, 1], [−1, 1], [0, 255] and the sample's own mean and spread", () => {
    const candidates = scalingCandidates(tf.tensor([0, 0, 1, 1]));
    expect(candidates.map((c) => [c.id, c.mean, c.std])).toEqual([
      ['unit', 0, 1],
      ['symmetric', 0.5, 0.5],
      ['bytes', 0, 1 / 255],
      ['standard', 0.5, 0.5],
    ]);
  });

  it('samples evenly over a set, the same images every time', () => {
    const pixels = Uint8Array.from({ length: 10 }, (_, i) => i * 25);
    const sample = spreadSample(pixels, { count: 10, height: 1, width: 1, channels: 1 }, 5);
    expect(Array.from(sample.dataSync()).map((v) => Math.round(v * 255))).toEqual([0, 50, 100, 150, 200]);
  });
});
