import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledRate, setLearningRate } from './learningRate';
import { useCpuBackend } from './testFixtures';

beforeAll(useCpuBackend);

describe('scheduledRate', () => {
  it('constant keeps the rate; cosine starts at it, halves at mid-run and nears zero at the end', () => {
    const constant = { learningRate: 0.01, learningRateSchedule: 'constant' } as const;
    const cosine = { learningRate: 0.01, learningRateSchedule: 'cosine' } as const;
    expect(scheduledRate(constant, 99, 100)).toBe(0.01);
    expect(scheduledRate(cosine, 0, 100)).toBe(0.01);
    expect(scheduledRate(cosine, 50, 100)).toBeCloseTo(0.005, 12);
    expect(scheduledRate(cosine, 99, 100)).toBeLessThan(1e-5);
    expect(scheduledRate(cosine, 40, 100)).toBeGreaterThan(scheduledRate(cosine, 41, 100));
  });
});

describe('setLearningRate', () => {
  it('the next step of a tfjs optimiser moves by the new rate', () => {
    for (const optimizer of [tf.train.sgd(1), tf.train.adam(1)]) {
      const w = tf.variable(tf.scalar(0));
      setLearningRate(optimizer, 0.25);
      optimizer.minimize(() => tf.mul(w, 1) as tf.Scalar);
      // SGD moves by rate × gradient (1); Adam's first step by rate × m̂/√v̂ = rate.
      expect(w.dataSync()[0]).toBeCloseTo(-0.25, 4);
      w.dispose();
      optimizer.dispose();
    }
  });
});
