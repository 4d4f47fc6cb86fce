import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { combineTeacherTargets, type TargetCombiner } from './unionTargets';
import { combineConcatRef, combineConfidenceRef, type Matrix } from './reference.testutil';
import { SEEDS, expectMatrixClose, expectNoLeak, randomMatrix, seededRandom, t2, useCpuBackend } from './testing.testutil';

beforeAll(useCpuBackend);

const references: Record<TargetCombiner, typeof combineConcatRef> = {
  concat: combineConcatRef,
  confidence: combineConfidenceRef,
};

/** Teachers A {cat, dog}, B {dog, bird}, C {fox, cat, owl}: A and B share dog, A and C share cat. */
const OVERLAPPING_MAPS = [[0, 1], [1, 2], [3, 0, 4]];
const OVERLAPPING_UNION = 5;

function combine(logits: Matrix[], maps: number[][], unionSize: number, t: number, combiner: TargetCombiner): Matrix {
  return tf.tidy(() => combineTeacherTargets(logits.map(t2), maps, unionSize, t, combiner).arraySync());
}

describe.each(['concat', 'confidence'] as const)('combineTeacherTargets (%s)', (combiner) => {
  it.each(SEEDS)('matches the loop reference with K = 3 overlapping teachers, T = 2.5 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const logits = [2, 2, 3].map((c) => randomMatrix(random, 6, c, 4));
    const expected = references[combiner](logits, OVERLAPPING_MAPS, OVERLAPPING_UNION, 2.5);
    const actual = tf.tidy(() => combineTeacherTargets(logits.map(t2), OVERLAPPING_MAPS, OVERLAPPING_UNION, 2.5, combiner));
    expectMatrixClose(actual, expected);
    actual.dispose();
  });

  it('rows sum to 1, including with a union index no teacher covers', () => {
    const random = seededRandom(3);
    const logits = [randomMatrix(random, 5, 2, 3), randomMatrix(random, 5, 3, 3)];
    const q = combine(logits, [[0, 1], [1, 3, 4]], 6, 0.7, combiner);
    for (const row of q) {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      expect(row[2]).toBe(0);
      expect(row[5]).toBe(0);
    }
  });

  it('with K = 1 and the identity map, is the teacher’s tempered softmax', () => {
    const random = seededRandom(11);
    const logits = [randomMatrix(random, 4, 5, 3)];
    const identity = [[0, 1, 2, 3, 4]];
    const expected = logits[0].map((row) => {
      const e = row.map((x) => Math.exp(x / 3));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / s);
    });
    const actual = tf.tidy(() => combineTeacherTargets(logits.map(t2), identity, 5, 3, combiner));
    expectMatrixClose(actual, expected);
    actual.dispose();
  });

  it('does not leak tensors', () => {
    const logits = [randomMatrix(seededRandom(5), 3, 2), randomMatrix(seededRandom(6), 3, 2)];
    expectNoLeak(() => logits.map(t2), (z) => combineTeacherTargets(z, [[0, 1], [1, 2]], 3, 2, combiner));
  });
});

describe('combineTeacherTargets: overlapping teachers', () => {
  it('concat sums the shared label’s mass from both teachers', () => {
    // A {cat, dog} logits [2, 1.5], B {dog, bird} logits [1.5, 2]: softmax over [2, 1.5, 1.5, 2].
    const q = combine([[[2, 1.5]], [[1.5, 2]]], [[0, 1], [1, 2]], 3, 1, 'concat')[0];
    const z = 2 * Math.exp(2) + 2 * Math.exp(1.5);
    expect(q[1]).toBeCloseTo((2 * Math.exp(1.5)) / z, 6);
    expect(q[0]).toBeCloseTo(Math.exp(2) / z, 6);
    expect(q[0] + q[1] + q[2]).toBeCloseTo(1, 6);
  });

  it('confidence sums the shared label’s weighted mass', () => {
    const q = combine([[[0, 0]], [[0, 0]]], [[0, 1], [1, 2]], 3, 1, 'confidence')[0];
    // Equal entropies, weights ½ each: dog gets ½·½ + ½·½.
    expect(q).toEqual([0.25, 0.5, 0.25].map((v) => expect.closeTo(v, 6)));
  });

  it('confidence trusts the sharper teacher', () => {
    const q = combine([[[8, 0]], [[0.1, 0]]], [[0, 1], [2, 3]], 4, 1, 'confidence')[0];
    expect(q[0]).toBeGreaterThan(0.6);
  });
});

describe('combineTeacherTargets: argument checks', () => {
  it('rejects a label map that does not fit the logits or the union', () => {
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => combineTeacherTargets([z], [[0, 1]], 3, 1, 'concat')).toThrow(/label map/);
    expect(() => combineTeacherTargets([z], [[0, 1, 3]], 3, 1, 'concat')).toThrow(/outside/);
    expect(() => combineTeacherTargets([z], [[0, 1, 2]], 3, 0, 'concat')).toThrow(/temperature/);
    expect(() => combineTeacherTargets([], [], 3, 1, 'concat')).toThrow(/teacher/);
    z.dispose();
  });
});
