import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { seededRandom, type Random } from '../../random';
import type { Matrix } from './reference.testutil';

/**
 * Test-only helpers. Inputs are rounded to float32 before either side sees them, so the tensor
 * code (float32) and the references (float64) start from identical numbers.
 *
 * Tolerance: |actual − expected| ≤ 1e-5 · max(1, |expected|) for values ("relative-ish": relative
 * above 1, absolute below), float32 leaving ~1e-7 per operation.
 */
export const VALUE_TOLERANCE = 1e-5;

export const SEEDS = [1, 7, 42, 2024];

export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

export function randomMatrix(random: Random, rows: number, cols: number, scale = 1): Matrix {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround((random() * 2 - 1) * scale)));
}

/** Rows of unit length (up to float32 rounding), like the projection heads' outputs. */
export function randomUnitRows(random: Random, rows: number, cols: number): Matrix {
  return randomMatrix(random, rows, cols).map((row) => {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => Math.fround(v / norm));
  });
}

export function randomLabels(random: Random, n: number, classes: number): number[] {
  return Array.from({ length: n }, () => Math.floor(random() * classes));
}

export { seededRandom };

export function t2(m: Matrix): tf.Tensor2D {
  return tf.tensor2d(m);
}

export function labelsTensor(y: number[]): tf.Tensor1D {
  return tf.tensor1d(y, 'int32');
}

export function expectClose(actual: number, expected: number, tolerance = VALUE_TOLERANCE): void {
  expect(Number.isFinite(actual)).toBe(true);
  const bound = tolerance * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(bound);
}

export function expectMatrixClose(actual: tf.Tensor2D, expected: Matrix, tolerance = VALUE_TOLERANCE): void {
  const rows = actual.arraySync();
  expect(rows.length).toBe(expected.length);
  rows.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((v, j) => expectClose(v, expected[i][j], tolerance));
  });
}

/** Disposes the result and returns its value, so tests don't leak either. */
export function valueOf(result: tf.Tensor): number {
  const value = result.dataSync()[0];
  result.dispose();
  return value;
}

/**
 * A loss must clean up after itself: called bare it leaves exactly its result behind; called
 * inside tf.tidy it leaves nothing. The inputs are made before counting and disposed after.
 */
export function expectNoLeak<T extends tf.TensorContainer>(makeInputs: () => T, loss: (inputs: T) => tf.Tensor): void {
  const inputs = makeInputs();
  const before = tf.memory().numTensors;
  const result = loss(inputs);
  expect(tf.memory().numTensors - before, 'tensors left beside the result').toBe(1);
  result.dispose();
  tf.tidy(() => {
    loss(inputs);
  });
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose(inputs);
}

/** Central finite differences of a float64 reference, one input entry at a time. */
export function numericGradient(f: (x: Matrix) => number, x: Matrix, h = 1e-6): Matrix {
  return x.map((row, i) =>
    row.map((_, j) => {
      const plus = x.map((r) => r.slice());
      const minus = x.map((r) => r.slice());
      plus[i][j] += h;
      minus[i][j] -= h;
      return (f(plus) - f(minus)) / (2 * h);
    }),
  );
}

/**
 * tf.grads of `loss` with respect to `inputs` must be finite and match the reference's finite
 * differences within 1e-3 · max(1, |g|) per entry (float32 gradients against float64 differences).
 */
export function expectGradientsMatch(
  loss: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: Matrix[],
  reference: (...inputs: Matrix[]) => number,
): void {
  const before = tf.memory().numTensors;
  const tensors = inputs.map((m) => tf.tensor2d(m));
  const grads = tf.grads(loss)(tensors);
  grads.forEach((g, which) => {
    const values = (g as tf.Tensor2D).arraySync();
    const expected = numericGradient((x) => reference(...inputs.map((m, k) => (k === which ? x : m))), inputs[which]);
    values.forEach((row, i) =>
      row.forEach((v, j) => {
        expect(Number.isFinite(v)).toBe(true);
        const bound = 1e-3 * Math.max(1, Math.abs(expected[i][j]));
        expect(Math.abs(v - expected[i][j]), `d/dx[${which}][${i}][${j}]: ${v} vs ${expected[i][j]}`).toBeLessThanOrEqual(bound);
      }),
    );
  });
  tf.dispose([...tensors, ...grads]);
  expect(tf.memory().numTensors).toBe(before);
}

/** A loss of the student's embedding and the teachers' (L_intra, L_inter), and its reference. */
export type StudentTeachersLoss = (student: tf.Tensor2D, teachers: tf.Tensor2D[], labels: tf.Tensor1D, tau: number) => tf.Tensor;
export type StudentTeachersRef = (v: Matrix, us: Matrix[], y: number[], tau: number) => number;

/** expectGradientsMatch for such a loss, with respect to the student and every teacher. */
export function expectStudentTeachersGradientsMatch(
  loss: StudentTeachersLoss,
  reference: StudentTeachersRef,
  [v, ...us]: Matrix[],
  y: number[],
  tau: number,
): void {
  expectGradientsMatch(
    (a, ...bs) => loss(a as tf.Tensor2D, bs as tf.Tensor2D[], labelsTensor(y), tau),
    [v, ...us],
    (a, ...bs) => reference(a, bs, y, tau),
  );
}

/** expectNoLeak for such a loss. */
export function expectStudentTeachersNoLeak(loss: StudentTeachersLoss, v: Matrix, us: Matrix[], y: number[], tau: number): void {
  expectNoLeak(
    () => ({ v: t2(v), us: us.map(t2), y: labelsTensor(y) }),
    (inputs) => loss(inputs.v, inputs.us, inputs.y, tau),
  );
}
