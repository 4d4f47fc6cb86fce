import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignmentLoss, relationalAlignmentFromSimilarity, relationalAlignmentLoss, sampleAlignmentLoss } from './alignment';
import { cosineSimilarityMatrix } from './similarity';
import { relationalAlignRef, sampleAlignRef } from './reference.testutil';
import {
  SEEDS, expectClose, expectGradientsMatch, expectNoLeak, randomUnitRows, seededRandom, t2, useCpuBackend, valueOf,
} from './testing.testutil';

beforeAll(useCpuBackend);

describe.each([
  ['sample', sampleAlignmentLoss, sampleAlignRef],
  ['relational', relationalAlignmentLoss, relationalAlignRef],
] as const)('%s alignment', (variant, loss, ref) => {
  it.each(SEEDS)('matches the loop reference for K = 1 and K = 3, τ_a = 0.1 and 1 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const v = randomUnitRows(random, 7, 6);
    for (const k of [1, 3]) {
      const us = Array.from({ length: k }, () => randomUnitRows(random, 7, 6));
      for (const tauA of [0.1, 1]) {
        expectClose(valueOf(tf.tidy(() => loss(t2(v), us.map(t2), tauA))), ref(v, us, tauA));
        expectClose(valueOf(tf.tidy(() => alignmentLoss(t2(v), us.map(t2), tauA, variant))), ref(v, us, tauA));
      }
    }
  });

  it('is 0 when every teacher embedding equals the student’s', () => {
    const v = randomUnitRows(seededRandom(51), 5, 4);
    expect(Math.abs(valueOf(tf.tidy(() => loss(t2(v), [t2(v), t2(v)], 0.2))))).toBeLessThan(1e-6);
  });

  it('has finite gradients for student and teachers matching finite differences', () => {
    const random = seededRandom(52);
    const [v, u1, u2] = [0, 1, 2].map(() => randomUnitRows(random, 5, 4));
    expectGradientsMatch(
      (a, b, c) => loss(a as tf.Tensor2D, [b as tf.Tensor2D, c as tf.Tensor2D], 0.3),
      [v, u1, u2],
      (a, b, c) => ref(a, [b, c], 0.3),
    );
  });

  it('does not leak tensors', () => {
    const random = seededRandom(53);
    expectNoLeak(() => ({ v: t2(randomUnitRows(random, 4, 3)), us: [t2(randomUnitRows(random, 4, 3))] }), ({ v, us }) => loss(v, us, 0.5));
  });
});

describe('relational alignment', () => {
  it('from precomputed similarity matrices equals the embedding form', () => {
    const random = seededRandom(54);
    const v = randomUnitRows(random, 6, 4);
    const u = randomUnitRows(random, 6, 4);
    const fromSim = valueOf(tf.tidy(() => relationalAlignmentFromSimilarity(cosineSimilarityMatrix(t2(u)), cosineSimilarityMatrix(t2(v)), 0.2)));
    expectClose(fromSim, relationalAlignRef(v, [u], 0.2));
  });

  it('is 0 and finite for a batch of one (no other sample to relate to)', () => {
    const random = seededRandom(55);
    const value = valueOf(tf.tidy(() => relationalAlignmentLoss(t2(randomUnitRows(random, 1, 4)), [t2(randomUnitRows(random, 1, 4))], 0.2)));
    expect(Math.abs(value)).toBe(0);
  });

  it('rejects a teacher embedding of another shape', () => {
    const v = tf.zeros([3, 4]) as tf.Tensor2D;
    const u = tf.zeros([3, 5]) as tf.Tensor2D;
    expect(() => sampleAlignmentLoss(v, [u], 1)).toThrow(/shapes differ/);
    tf.dispose([v, u]);
  });
});
