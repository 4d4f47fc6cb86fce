import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instanceInterLoss, instanceIntraLoss } from './instanceContrastive';
import { instanceInterRef, ntXentRef } from './reference.testutil';
import { SEEDS, expectClose, expectGradientsMatch, expectNoLeak, randomUnitRows, seededRandom, t2, useCpuBackend, valueOf } from './testing.testutil';

beforeAll(useCpuBackend);

const inter = (v: number[][], us: number[][][], tau: number) => valueOf(tf.tidy(() => instanceInterLoss(t2(v), us.map(t2), tau)));
const intra = (a: number[][], b: number[][], tau: number) => valueOf(tf.tidy(() => instanceIntraLoss(t2(a), t2(b), tau)));

describe('instanceInterLoss', () => {
  it('matches a hand computation on two images in 2-d', () => {
    // v = (1,0), (0,1); u = (1,0), (0,1); τ = 1: each anchor sees exp(1) for itself and exp(0) for the other.
    const v = [[1, 0], [0, 1]];
    expectClose(inter(v, [v], 1), -Math.log(Math.E / (Math.E + 1)));
  });

  it.each(SEEDS)('matches the loop reference for K = 1 and K = 3, τ = 0.07 and 0.5 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const v = randomUnitRows(random, 9, 5);
    for (const k of [1, 3]) {
      const us = Array.from({ length: k }, () => randomUnitRows(random, 9, 5));
      for (const tau of [0.07, 0.5]) expectClose(inter(v, us, tau), instanceInterRef(v, us, tau));
    }
  });

  it('ignores any labelling: two images with the same content are still each other’s negatives', () => {
    const random = seededRandom(5);
    const v = randomUnitRows(random, 4, 3);
    const u = v.map((row) => row.slice());
    // Perfectly matched embeddings are still penalised by the other rows (log B at τ → ∞, > 0 always).
    expect(inter(v, [u], 0.5)).toBeGreaterThan(0);
    expect(inter(v, [u], 0.05)).toBeLessThan(inter(v, [u.slice().reverse()], 0.05));
  });

  it('has the gradient of the reference, with respect to the student and the teacher', () => {
    const random = seededRandom(7);
    const v = randomUnitRows(random, 5, 3);
    const u = randomUnitRows(random, 5, 3);
    expectGradientsMatch((a, b) => instanceInterLoss(a as tf.Tensor2D, [b as tf.Tensor2D], 0.3), [v, u], (a, b) => instanceInterRef(a, [b], 0.3));
  });

  it('leaves no tensors behind', () => {
    const random = seededRandom(8);
    expectNoLeak(() => ({ v: t2(randomUnitRows(random, 6, 4)), u: t2(randomUnitRows(random, 6, 4)) }), ({ v, u }) => instanceInterLoss(v, [u], 0.2));
  });
});

describe('instanceIntraLoss', () => {
  it('matches a hand computation: two images, identical views, orthogonal images, τ = 1', () => {
    // z = [e1, e2, e1, e2]: anchor e1 has positive e1 (exp 1) and negatives e2, e2 (exp 0 each).
    const a = [[1, 0], [0, 1]];
    expectClose(intra(a, a, 1), -Math.log(Math.E / (Math.E + 2)));
  });

  it.each(SEEDS)('matches the NT-Xent loop reference at τ = 0.1 and 0.5 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const a = randomUnitRows(random, 7, 4);
    const b = randomUnitRows(random, 7, 4);
    for (const tau of [0.1, 0.5]) expectClose(intra(a, b, tau), ntXentRef(a, b, tau));
  });

  it('is lower when the two views of each image agree than when they are paired wrongly', () => {
    const random = seededRandom(11);
    const a = randomUnitRows(random, 6, 8);
    expect(intra(a, a, 0.1)).toBeLessThan(intra(a, a.slice().reverse(), 0.1));
  });

  it('has the gradient of the reference with respect to both views', () => {
    const random = seededRandom(12);
    const a = randomUnitRows(random, 4, 3);
    const b = randomUnitRows(random, 4, 3);
    expectGradientsMatch((x, y) => instanceIntraLoss(x as tf.Tensor2D, y as tf.Tensor2D, 0.3), [a, b], (x, y) => ntXentRef(x, y, 0.3));
  });

  it('refuses views of different batches, and leaves no tensors behind', () => {
    const random = seededRandom(13);
    expect(() => tf.tidy(() => instanceIntraLoss(t2(randomUnitRows(random, 3, 2)), t2(randomUnitRows(random, 4, 2)), 0.2))).toThrow(/one row per image/);
    expectNoLeak(() => ({ a: t2(randomUnitRows(random, 5, 3)), b: t2(randomUnitRows(random, 5, 3)) }), ({ a, b }) => instanceIntraLoss(a, b, 0.2));
  });
});
