import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { intraContrastiveLoss, supCon, supConFromSimilarity } from './intraContrastive';
import { cosineSimilarityMatrix } from './similarity';
import { intraRef, supConRef } from './reference.testutil';
import {
  SEEDS, expectClose, expectGradientsMatch, expectNoLeak, expectStudentTeachersGradientsMatch, expectStudentTeachersNoLeak,
  labelsTensor, randomLabels, randomUnitRows, seededRandom, t2, useCpuBackend, valueOf,
} from './testing.testutil';

beforeAll(useCpuBackend);

function supConValue(e: number[][], y: number[], tau: number): number {
  return valueOf(tf.tidy(() => supCon(t2(e), labelsTensor(y), tau)));
}

describe('supCon', () => {
  it.each(SEEDS)('matches the loop reference, τ = 0.1 and τ = 0.5 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const e = randomUnitRows(random, 10, 6);
    const y = randomLabels(random, 10, 3);
    for (const tau of [0.1, 0.5]) expectClose(supConValue(e, y, tau), supConRef(e, y, tau));
  });

  it('drops a class with exactly one sample from the anchors A', () => {
    const random = seededRandom(21);
    const e = randomUnitRows(random, 7, 4);
    const y = [0, 0, 1, 1, 1, 2, 0]; // class 2 has one sample: anchor 5 has P(5) empty
    const actual = supConValue(e, y, 0.2);
    const expected = supConRef(e, y, 0.2); // the mean over the 6 anchors that have positives
    expectClose(actual, expected);
    // Dividing by all 7 anchors (anchor 5 adding a zero term) would give 6/7 of it: make sure the cases differ.
    expect(Math.abs(actual - (expected * 6) / 7)).toBeGreaterThan(1e-3);
  });

  it('is finite and correct when all pseudo-labels agree (every other sample is a positive)', () => {
    const e = randomUnitRows(seededRandom(22), 6, 5);
    const y = [3, 3, 3, 3, 3, 3];
    const actual = supConValue(e, y, 0.1);
    expectClose(actual, supConRef(e, y, 0.1));
    // Every non-self sample is a positive, so each anchor's positives average to log(1/(B−1)) ≤ loss.
    expect(actual).toBeGreaterThanOrEqual(Math.log(5) - 1e-5);
  });

  it('is 0, not NaN, with no positive pair at all; its gradient is 0 and finite', () => {
    const e = randomUnitRows(seededRandom(23), 5, 4);
    expect(Math.abs(supConValue(e, [0, 1, 2, 3, 4], 0.1))).toBe(0); // abs: −0 is fine
    expect(Math.abs(supConValue([e[0]], [0], 0.1))).toBe(0); // a batch of one
    const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => supCon(x as tf.Tensor2D, labelsTensor([0, 1, 2, 3, 4]), 0.1))(t2(e)).arraySync());
    expect((grad as number[][]).flat().every((g) => g === 0)).toBe(true);
  });

  it('from a precomputed similarity matrix equals the embedding form', () => {
    const e = randomUnitRows(seededRandom(24), 8, 4);
    const y = randomLabels(seededRandom(25), 8, 2);
    const fromSim = valueOf(tf.tidy(() => supConFromSimilarity(cosineSimilarityMatrix(t2(e)), labelsTensor(y), 0.3)));
    expectClose(fromSim, supConValue(e, y, 0.3), 1e-6);
  });

  it.each([
    ['mixed labels with a singleton', [0, 0, 1, 1, 1, 2]],
    ['all labels equal', [1, 1, 1, 1, 1, 1]],
  ])('has finite gradients matching finite differences (%s)', (_, y) => {
    const e = randomUnitRows(seededRandom(26), 6, 4);
    expectGradientsMatch((x) => supCon(x as tf.Tensor2D, labelsTensor(y as number[]), 0.2), [e], (x) => supConRef(x, y as number[], 0.2));
  });

  it('does not leak tensors', () => {
    expectNoLeak(() => [t2(randomUnitRows(seededRandom(27), 5, 3)), labelsTensor([0, 0, 1, 2, 2])] as const,
      ([e, y]) => supCon(e, y, 0.1));
  });
});

describe('intraContrastiveLoss', () => {
  it.each(SEEDS)('is SupCon(v) + 1/K Σ_k SupCon(u_k) for K = 1 and K = 3 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const v = randomUnitRows(random, 9, 5);
    const y = randomLabels(random, 9, 3);
    for (const k of [1, 3]) {
      const us = Array.from({ length: k }, () => randomUnitRows(random, 9, 5));
      const actual = valueOf(tf.tidy(() => intraContrastiveLoss(t2(v), us.map(t2), labelsTensor(y), 0.15)));
      expectClose(actual, intraRef(v, us, y, 0.15));
    }
  });

  it('has finite gradients for student and teacher embeddings', () => {
    const random = seededRandom(31);
    const vus = [0, 1, 2].map(() => randomUnitRows(random, 6, 4));
    expectStudentTeachersGradientsMatch(intraContrastiveLoss, intraRef, vus, [0, 1, 0, 1, 2, 0], 0.3);
  });

  it('does not leak tensors', () => {
    const random = seededRandom(32);
    const [v, u] = [0, 1].map(() => randomUnitRows(random, 4, 3));
    expectStudentTeachersNoLeak(intraContrastiveLoss, v, [u], [0, 0, 1, 1], 0.1);
  });
});
