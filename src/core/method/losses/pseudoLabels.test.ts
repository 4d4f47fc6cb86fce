import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pseudoLabelsJoint, pseudoLabelsMultiHead } from './pseudoLabels';
import { combineTeacherTargets } from './unionTargets';
import { argmax, combineConcatRef, combineConfidenceRef, pseudoMultiHeadRef } from './reference.testutil';
import { SEEDS, expectNoLeak, randomMatrix, seededRandom, t2, useCpuBackend } from './testing.testutil';

beforeAll(useCpuBackend);

const MAPS = [[0, 1], [1, 2], [3, 0, 4]];

describe('pseudoLabelsJoint', () => {
  it.each(SEEDS)('is the argmax of the combined target, int32 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const logits = [2, 2, 3].map((c) => randomMatrix(random, 8, c, 4));
    for (const [combiner, ref] of [['concat', combineConcatRef], ['confidence', combineConfidenceRef]] as const) {
      const labels = tf.tidy(() => pseudoLabelsJoint(combineTeacherTargets(logits.map(t2), MAPS, 5, 2, combiner)));
      expect(labels.dtype).toBe('int32');
      expect(labels.shape).toEqual([8]);
      expect(Array.from(labels.dataSync())).toEqual(ref(logits, MAPS, 5, 2).map(argmax));
      labels.dispose();
    }
  });

  it('lands on the shared union index when the shared label’s summed mass wins', () => {
    // Neither teacher's own argmax is dog, but dog collects mass from both.
    const labels = tf.tidy(() =>
      pseudoLabelsJoint(combineTeacherTargets([t2([[2, 1.5]]), t2([[1.5, 2]])], [[0, 1], [1, 2]], 3, 1, 'concat')),
    );
    expect(Array.from(labels.dataSync())).toEqual([1]);
    labels.dispose();
  });
});

describe('pseudoLabelsMultiHead', () => {
  it.each(SEEDS)('follows the most confident teacher, mapped to the union, T = 1 and T = 3 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const logits = [2, 2, 3].map((c) => randomMatrix(random, 10, c, 5));
    for (const t of [1, 3]) {
      const labels = tf.tidy(() => pseudoLabelsMultiHead(logits.map(t2), MAPS, t));
      expect(labels.dtype).toBe('int32');
      expect(Array.from(labels.dataSync())).toEqual(pseudoMultiHeadRef(logits, MAPS, t));
      labels.dispose();
    }
  });

  it('handles teachers with different class counts and picks per sample', () => {
    // Teacher 0 (2 classes) is sure about sample 0; teacher 1 (4 classes) about sample 1.
    const a = [[9, 0], [0.2, 0]];
    const b = [[0, 0.1, 0, 0], [0, 0, 0, 9]];
    const labels = tf.tidy(() => pseudoLabelsMultiHead([t2(a), t2(b)], [[0, 1], [2, 3, 4, 5]]));
    expect(Array.from(labels.dataSync())).toEqual([0, 5]);
    labels.dispose();
  });

  it('with K = 1 is the teacher’s argmax through its map', () => {
    const labels = tf.tidy(() => pseudoLabelsMultiHead([t2([[0, 3, 1], [5, 1, 2]])], [[4, 2, 0]]));
    expect(Array.from(labels.dataSync())).toEqual([2, 4]);
    labels.dispose();
  });

  it('does not leak tensors', () => {
    expectNoLeak(
      () => [t2([[0, 1]]), t2([[2, 1, 0]])],
      (logits) => pseudoLabelsMultiHead(logits, [[0, 1], [1, 2, 3]]),
    );
    expectNoLeak(() => t2([[0.2, 0.8]]), (target) => pseudoLabelsJoint(target));
  });
});
