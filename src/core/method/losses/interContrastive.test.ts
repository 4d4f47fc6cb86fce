import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { infoNceFromSimilarity, interContrastiveLoss, symmetricInfoNceFromSimilarity } from './interContrastive';
import { cosineSimilarityMatrix } from './similarity';
import { infoNceRef, interRef } from './reference.testutil';
import {
  SEEDS, expectClose, expectStudentTeachersGradientsMatch, expectStudentTeachersNoLeak, labelsTensor, randomLabels,
  randomUnitRows, seededRandom, t2, useCpuBackend, valueOf,
} from './testing.testutil';

beforeAll(useCpuBackend);

function interValue(v: number[][], us: number[][][], y: number[], tau: number): number {
  return valueOf(tf.tidy(() => interContrastiveLoss(t2(v), us.map(t2), labelsTensor(y), tau)));
}

describe('infoNceFromSimilarity', () => {
  it.each(SEEDS)('matches the loop reference in both directions (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const v = randomUnitRows(random, 8, 5);
    const u = randomUnitRows(random, 8, 5);
    const y = randomLabels(random, 8, 3);
    const [forward, backward] = tf.tidy(() => {
      const sim = cosineSimilarityMatrix(t2(v), t2(u));
      return [infoNceFromSimilarity(sim, labelsTensor(y), 0.2), infoNceFromSimilarity(tf.transpose(sim), labelsTensor(y), 0.2)];
    }).map(valueOf);
    expectClose(forward, infoNceRef(v, u, y, 0.2));
    expectClose(backward, infoNceRef(u, v, y, 0.2));
  });

  it('keeps j = i as a positive: all-distinct labels give the plain diagonal InfoNCE', () => {
    const random = seededRandom(41);
    const v = randomUnitRows(random, 5, 4);
    const u = randomUnitRows(random, 5, 4);
    const y = [0, 1, 2, 3, 4];
    const actual = valueOf(tf.tidy(() => infoNceFromSimilarity(cosineSimilarityMatrix(t2(v), t2(u)), labelsTensor(y), 0.1)));
    expectClose(actual, infoNceRef(v, u, y, 0.1));
    expect(actual).toBeGreaterThan(0);
  });

  it('is finite and correct when all labels agree (every candidate is a positive)', () => {
    const random = seededRandom(42);
    const v = randomUnitRows(random, 6, 4);
    const u = randomUnitRows(random, 6, 4);
    const y = [2, 2, 2, 2, 2, 2];
    const actual = valueOf(tf.tidy(() => infoNceFromSimilarity(cosineSimilarityMatrix(t2(v), t2(u)), labelsTensor(y), 0.1)));
    expectClose(actual, infoNceRef(v, u, y, 0.1));
    expect(actual).toBeGreaterThanOrEqual(Math.log(6) - 1e-5);
  });
});

describe('interContrastiveLoss', () => {
  it.each(SEEDS)('matches the symmetrised, teacher-averaged reference for K = 1 and K = 3, τ = 0.07 and 0.5 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const v = randomUnitRows(random, 10, 6);
    const y = randomLabels(random, 10, 4);
    for (const k of [1, 3]) {
      const us = Array.from({ length: k }, () => randomUnitRows(random, 10, 6));
      for (const tau of [0.07, 0.5]) expectClose(interValue(v, us, y, tau), interRef(v, us, y, tau));
    }
  });

  it('one similarity matrix serves both directions', () => {
    const random = seededRandom(43);
    const v = randomUnitRows(random, 6, 3);
    const u = randomUnitRows(random, 6, 3);
    const y = [0, 0, 1, 1, 2, 2];
    const shared = valueOf(tf.tidy(() => symmetricInfoNceFromSimilarity(cosineSimilarityMatrix(t2(v), t2(u)), labelsTensor(y), 0.2)));
    expectClose(shared, interValue(v, [u], y, 0.2), 1e-6);
  });

  it.each([
    ['mixed labels', [0, 1, 0, 2, 1]],
    ['all labels equal', [4, 4, 4, 4, 4]],
    ['all labels distinct', [0, 1, 2, 3, 4]],
  ])('has finite gradients matching finite differences (%s)', (_, y) => {
    const random = seededRandom(44);
    const vus = [0, 1, 2].map(() => randomUnitRows(random, 5, 4));
    expectStudentTeachersGradientsMatch(interContrastiveLoss, interRef, vus, y as number[], 0.25);
  });

  it('does not leak tensors', () => {
    const random = seededRandom(45);
    const [v, u1, u2] = [0, 1, 2].map(() => randomUnitRows(random, 4, 3));
    expectStudentTeachersNoLeak(interContrastiveLoss, v, [u1, u2], [0, 1, 1, 0], 0.1);
  });

  it('rejects mismatched batches', () => {
    const v = tf.zeros([4, 3]) as tf.Tensor2D;
    const u = tf.zeros([5, 3]) as tf.Tensor2D;
    const y = labelsTensor([0, 1, 2, 3]);
    expect(() => interContrastiveLoss(v, [u], y, 0.1)).toThrow(/one batch/);
    expect(() => interContrastiveLoss(v, [], y, 0.1)).toThrow(/teacher/);
    tf.dispose([v, u, y]);
  });
});
