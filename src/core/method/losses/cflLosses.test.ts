import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CFL_SIGMAS, cflFeatureLoss, commonFeatureMmd, mmd2MultiRbf, reconstructionMse } from './cflLosses';
import { cflRef, mmdRef, mseRef, normalizeRowsRef, type Matrix } from './reference.testutil';
import {
  SEEDS, expectClose, expectGradientsMatch, expectNoLeak, randomMatrix, randomUnitRows, seededRandom, t2, useCpuBackend,
  valueOf,
} from './testing.testutil';

beforeAll(useCpuBackend);

/** Points near the unit sphere scattered at scale ~σ, so that every bandwidth, 0.001 included, contributes. */
function nearDuplicates(base: Matrix, random: () => number, scale: number): Matrix {
  return base.map((row) => row.map((v) => Math.fround(v + (random() * 2 - 1) * scale)));
}

describe('mmd2MultiRbf', () => {
  it.each(SEEDS)('matches the biased loop estimator with CFL’s bandwidths on unit rows (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const a = randomUnitRows(random, 6, 5);
    const b = randomUnitRows(random, 6, 5);
    expectClose(valueOf(tf.tidy(() => mmd2MultiRbf(t2(a), t2(b)))), mmdRef(a, b, CFL_SIGMAS));
  });

  it('stays exact when pairs lie within the narrowest bandwidth (σ = 0.001)', () => {
    const random = seededRandom(61);
    const a = randomUnitRows(random, 5, 4);
    const b = nearDuplicates(a, random, 5e-4);
    const expected = mmdRef(a, b, CFL_SIGMAS);
    expect(expected).toBeGreaterThan(0.05); // the narrow kernels see the small offsets
    expectClose(valueOf(tf.tidy(() => mmd2MultiRbf(t2(a), t2(b)))), expected);
  });

  it('accepts batches of different sizes and custom bandwidths', () => {
    const random = seededRandom(62);
    const a = randomMatrix(random, 4, 3);
    const b = randomMatrix(random, 7, 3);
    expectClose(valueOf(tf.tidy(() => mmd2MultiRbf(t2(a), t2(b), [0.5, 3]))), mmdRef(a, b, [0.5, 3]));
  });

  it('is 0 for identical batches', () => {
    const a = randomUnitRows(seededRandom(63), 5, 4);
    expect(Math.abs(valueOf(tf.tidy(() => mmd2MultiRbf(t2(a), t2(a)))))).toBeLessThan(1e-6);
  });

  it('has finite gradients for both batches matching finite differences', () => {
    const random = seededRandom(64);
    const a = randomUnitRows(random, 4, 3);
    const b = randomUnitRows(random, 4, 3);
    expectGradientsMatch((x, y) => mmd2MultiRbf(x as tf.Tensor2D, y as tf.Tensor2D, [0.2, 1, 2]), [a, b], (x, y) => mmdRef(x, y, [0.2, 1, 2]));
    // With σ = 0.001 included, the gradient must still be finite even where a pair coincides.
    const grads = tf.tidy(() => tf.grads((x, y) => mmd2MultiRbf(x as tf.Tensor2D, y as tf.Tensor2D))([t2(a), t2(a)]).map((g) => g.arraySync()));
    expect(grads.flat(2).every((g) => Number.isFinite(g))).toBe(true);
  });

  it('does not leak tensors', () => {
    const random = seededRandom(65);
    expectNoLeak(() => [t2(randomUnitRows(random, 3, 2)), t2(randomUnitRows(random, 3, 2))], ([a, b]) => mmd2MultiRbf(a, b));
  });
});

describe('commonFeatureMmd', () => {
  it.each(SEEDS)('L2-normalises each row before the MMD (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const hs = randomMatrix(random, 5, 6, 3);
    const ht = randomMatrix(random, 5, 6, 3);
    const expected = mmdRef(normalizeRowsRef(hs), normalizeRowsRef(ht), CFL_SIGMAS);
    expectClose(valueOf(tf.tidy(() => commonFeatureMmd(t2(hs), t2(ht)))), expected);
  });

  it('has a finite gradient even for an all-zero feature row', () => {
    const hs = [[0, 0, 0], [1, 2, 3]];
    const ht = [[1, 0, 0], [0, 1, 0]];
    const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => commonFeatureMmd(x as tf.Tensor2D, t2(ht)))(t2(hs)).arraySync());
    expect((grad as number[][]).flat().every((g) => Number.isFinite(g))).toBe(true);
  });
});

describe('reconstructionMse and cflFeatureLoss', () => {
  it('reconstructionMse is the mean over every element', () => {
    const random = seededRandom(66);
    const a = randomMatrix(random, 3, 4);
    const b = randomMatrix(random, 3, 4);
    expectClose(valueOf(tf.tidy(() => reconstructionMse(t2(a), t2(b)))), mseRef(a, b));
  });

  it.each(SEEDS)('cflFeatureLoss = Σ_k MMD² + w·Σ_k MSE for K = 1 and K = 3 teachers of different feature sizes (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const hs = randomMatrix(random, 5, 4, 2);
    for (const featureSizes of [[6], [6, 3, 8]]) {
      const hts = featureSizes.map(() => randomMatrix(random, 5, 4, 2));
      const features = featureSizes.map((d) => randomMatrix(random, 5, d));
      const decoded = featureSizes.map((d) => randomMatrix(random, 5, d));
      for (const w of [1, 0.5]) {
        const actual = valueOf(tf.tidy(() =>
          cflFeatureLoss(t2(hs), hts.map(t2), decoded.map(t2), features.map(t2), { reconstructionWeight: w })));
        expectClose(actual, cflRef(hs, hts, decoded, features, CFL_SIGMAS, w));
      }
    }
  });

  it('has finite gradients w.r.t. the student’s common features and the decoded features', () => {
    const random = seededRandom(67);
    const hs = randomMatrix(random, 4, 3);
    const ht = randomMatrix(random, 4, 3);
    const f = randomMatrix(random, 4, 5);
    const d = randomMatrix(random, 4, 5);
    const sigmas = [0.5, 1, 2];
    expectGradientsMatch(
      (x, y) => cflFeatureLoss(x as tf.Tensor2D, [t2(ht)], [y as tf.Tensor2D], [t2(f)], { sigmas }),
      [hs, d],
      (x, y) => cflRef(x, [ht], [y], [f], sigmas, 1),
    );
  });

  it('does not leak tensors', () => {
    const random = seededRandom(68);
    expectNoLeak(
      () => ({ hs: t2(randomMatrix(random, 3, 2)), ht: [t2(randomMatrix(random, 3, 2))], d: [t2(randomMatrix(random, 3, 4))], f: [t2(randomMatrix(random, 3, 4))] }),
      ({ hs, ht, d, f }) => cflFeatureLoss(hs, ht, d, f),
    );
  });
});
