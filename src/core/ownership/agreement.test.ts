import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { axisShifts } from '../augment';
import { ImageTable, kMeans, nearestCentre, ownAnswerProbability, shiftAgreement } from '.';
import { t2, useCpu } from './testing.testutil';

beforeAll(useCpu);

describe('ownAnswerProbability', () => {
  it('is the perturbed softmax at the class picked on the original', () => {
    const original = [t2([[2, 0], [0, 2]])];
    const perturbed = [t2([[1, 0], [1, 0]])];
    const p = ownAnswerProbability(original, perturbed).arraySync();
    const high = Math.exp(1) / (Math.exp(1) + 1);
    expect(p[0][0]).toBeCloseTo(high, 6);
    expect(p[1][0]).toBeCloseTo(1 - high, 6);
  });
});

describe('shiftAgreement', () => {
  // Teacher A answers from the image's total ink (shift-proof while the ink stays inside);
  // teacher B from the single pixel at (2, 2), which a shift moves away.
  const run = (x: tf.Tensor4D) => {
    const ink = tf.sum(x, [1, 2, 3]);
    const centre = tf.reshape(tf.slice(x, [0, 2, 2, 0], [-1, 1, 1, 1]), [-1]);
    return [tf.stack([tf.mul(ink, 5), tf.zerosLike(ink)], 1), tf.stack([tf.mul(centre, 5), tf.zerosLike(centre)], 1)] as tf.Tensor2D[];
  };

  it('is high for the teacher whose answer survives the shifts and low for the other', () => {
    const values = new Float32Array(25);
    values[12] = 1;
    const x = tf.tensor4d(values, [1, 5, 5, 1]);
    const [[a, b]] = shiftAgreement(run, x, axisShifts(1)).arraySync();
    expect(a).toBeCloseTo(Math.exp(5) / (Math.exp(5) + 1), 5);
    expect(b).toBeCloseTo(0.5, 5);
  });

  it('leaves no tensors behind but its output', () => {
    const x = tf.ones([2, 5, 5, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const out = shiftAgreement(run, x, axisShifts(1));
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, out]);
  });
});

describe('ImageTable', () => {
  it('gives back by image index the rows a pre-pass stored in batch order', () => {
    const table = new ImageTable(5, 2);
    table.set([3, 0], Float32Array.from([30, 31, 0, 1]));
    table.set([4], Float32Array.from([40, 41]));
    expect(table.rows([0, 4, 3, 1]).arraySync()).toEqual([[0, 1], [40, 41], [30, 31], [0, 0]]);
    expect(() => table.set([1], Float32Array.from([1]))).toThrow(/values/);
  });
});

describe('kMeans', () => {
  it('finds two well-separated groups', () => {
    const points = t2([[0, 0], [0.1, 0], [0, 0.1], [5, 5], [5.1, 5], [5, 5.1]]);
    const centres = kMeans(points, 2, 10, 3);
    const assigned = Array.from(nearestCentre(points, centres).dataSync());
    expect(new Set(assigned.slice(0, 3)).size).toBe(1);
    expect(new Set(assigned.slice(3)).size).toBe(1);
    expect(assigned[0]).not.toBe(assigned[3]);
    expect(() => kMeans(points, 7, 1, 0)).toThrow(/clusters/);
  });
});
