import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarityMatrix, l2Normalize, squaredDistanceMatrix } from './similarity';
import { dot, normalizeRowsRef } from './reference.testutil';
import { expectMatrixClose, expectNoLeak, randomMatrix, seededRandom, t2, useCpuBackend } from './testing.testutil';

beforeAll(useCpuBackend);

describe('similarity helpers', () => {
  it('cosineSimilarityMatrix is a·bᵀ (cosine on unit rows)', () => {
    const random = seededRandom(71);
    const a = randomMatrix(random, 3, 4);
    const b = randomMatrix(random, 5, 4);
    const s = tf.tidy(() => cosineSimilarityMatrix(t2(a), t2(b)));
    expectMatrixClose(s, a.map((x) => b.map((y) => dot(x, y))));
    s.dispose();
  });

  it('squaredDistanceMatrix is exactly 0 on coinciding rows', () => {
    const random = seededRandom(72);
    const a = randomMatrix(random, 4, 3);
    const d = tf.tidy(() => squaredDistanceMatrix(t2(a)));
    expectMatrixClose(d, a.map((x) => a.map((y) => x.reduce((s, v, i) => s + (v - y[i]) ** 2, 0))));
    expect(d.arraySync().map((row, i) => row[i])).toEqual([0, 0, 0, 0]);
    d.dispose();
  });

  it('l2Normalize gives unit rows and leaves a zero row at zero', () => {
    const a = [[3, 4], [0, 0], [-1, 1]];
    const n = tf.tidy(() => l2Normalize(t2(a)));
    expectMatrixClose(n, normalizeRowsRef(a));
    n.dispose();
  });

  it('does not leak tensors', () => {
    const random = seededRandom(73);
    expectNoLeak(() => t2(randomMatrix(random, 3, 2)), (a) => l2Normalize(a));
    expectNoLeak(() => t2(randomMatrix(random, 3, 2)), (a) => squaredDistanceMatrix(a));
  });

  it('rejects matrices of different widths', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const b = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => cosineSimilarityMatrix(a, b)).toThrow(/feature sizes/);
    tf.dispose([a, b]);
  });
});
