import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { softTargetLossJoint, softTargetLossMultiHead, softTargetLossPerTeacher } from './softTargetLoss';
import { combineTeacherTargets } from './unionTargets';
import { combineConcatRef, combineConfidenceRef, kdJointRef, kdMultiHeadRef, type Matrix } from './reference.testutil';
import {
  SEEDS, expectClose, expectGradientsMatch, expectNoLeak, randomMatrix, seededRandom, t2, useCpuBackend, valueOf,
} from './testing.testutil';

beforeAll(useCpuBackend);

const MAPS = [[0, 1], [1, 2], [3, 0, 4]];

describe('softTargetLossJoint', () => {
  it.each(SEEDS)('matches T²·mean KL(q || p_s) for both combiners, T = 1 and T = 4 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const teachers = [2, 2, 3].map((c) => randomMatrix(random, 6, c, 4));
    const student = randomMatrix(random, 6, 5, 4);
    for (const t of [1, 4]) {
      for (const [combiner, ref] of [['concat', combineConcatRef], ['confidence', combineConfidenceRef]] as const) {
        const target = ref(teachers, MAPS, 5, t);
        const actual = valueOf(tf.tidy(() =>
          softTargetLossJoint(t2(student), combineTeacherTargets(teachers.map(t2), MAPS, 5, t, combiner), t)));
        expectClose(actual, kdJointRef(student, target, t));
      }
    }
  });

  it('is 0 when the student matches the target, and finite with exact zeros in the target (0·log 0 = 0)', () => {
    const target = [[0.25, 0, 0.75], [0, 1, 0]];
    const student = [[Math.log(0.25), -50, Math.log(0.75)], [0, 9, 0]];
    const actual = valueOf(tf.tidy(() => softTargetLossJoint(t2(student), t2(target), 1)));
    expectClose(actual, kdJointRef(student, target, 1));
    expect(Math.abs(valueOf(tf.tidy(() => softTargetLossJoint(t2([[0, Math.log(3)]]), t2([[0.25, 0.75]]), 1)))))
      .toBeLessThan(1e-6);
  });

  it.each([1, 2.5])('has finite gradients matching finite differences, T = %f', (t) => {
    const random = seededRandom(9);
    const student = randomMatrix(random, 4, 5, 3);
    const target = combineConcatRef([randomMatrix(random, 4, 2, 3), randomMatrix(random, 4, 3, 3)], [[0, 1], [1, 2, 4]], 5, t);
    target[0] = [0, 1, 0, 0, 0]; // exact zeros must not produce NaN gradients
    expectGradientsMatch(
      (s) => softTargetLossJoint(s as tf.Tensor2D, t2(target), t),
      [student],
      (s) => kdJointRef(s, target, t),
    );
  });

  it('does not leak tensors', () => {
    expectNoLeak(() => [t2([[1, 2, 3]]), t2([[0.2, 0.3, 0.5]])], ([s, q]) => softTargetLossJoint(s, q, 2));
  });
});

describe('softTargetLossMultiHead', () => {
  it.each(SEEDS)('matches Σ_k T²·mean KL for K = 1 and K = 3 heads of different sizes, T = 1 and T = 3 (seed %i)', (seed) => {
    const random = seededRandom(seed);
    for (const classes of [[4], [2, 5, 3]]) {
      const teachers = classes.map((c) => randomMatrix(random, 5, c, 4));
      const students = classes.map((c) => randomMatrix(random, 5, c, 4));
      for (const t of [1, 3]) {
        const actual = valueOf(tf.tidy(() => softTargetLossMultiHead(students.map(t2), teachers.map(t2), t)));
        expectClose(actual, kdMultiHeadRef(students, teachers, t));
      }
    }
  });

  it('is 0 when every head copies its teacher', () => {
    const teachers = [[[1, 2]], [[3, 0, -1]]];
    expect(Math.abs(valueOf(tf.tidy(() => softTargetLossMultiHead(teachers.map(t2), teachers.map(t2), 2))))).toBeLessThan(1e-6);
  });

  it('stays finite when a teacher probability underflows to 0', () => {
    const teachers: Matrix[] = [[[200, -200, 0]]];
    const students: Matrix[] = [[[0, 1, 2]]];
    expectClose(valueOf(tf.tidy(() => softTargetLossMultiHead(students.map(t2), teachers.map(t2), 1))),
      kdMultiHeadRef(students, teachers, 1));
  });

  it('has finite gradients for every head matching finite differences', () => {
    const random = seededRandom(13);
    const teachers = [2, 4].map((c) => randomMatrix(random, 3, c, 3));
    const students = [2, 4].map((c) => randomMatrix(random, 3, c, 3));
    expectGradientsMatch(
      (a, b) => softTargetLossMultiHead([a as tf.Tensor2D, b as tf.Tensor2D], teachers.map(t2), 2),
      students,
      (a, b) => kdMultiHeadRef([a, b], teachers, 2),
    );
  });

  it('does not leak tensors', () => {
    expectNoLeak(() => ({ s: [t2([[1, 2]]), t2([[0, 1, 2]])], t: [t2([[2, 1]]), t2([[2, 1, 0]])] }),
      ({ s, t }) => softTargetLossMultiHead(s, t, 2));
  });

  it('rejects heads that do not match their teachers', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const b = tf.zeros([2, 4]) as tf.Tensor2D;
    expect(() => softTargetLossMultiHead([a], [b], 1)).toThrow(/shapes differ/);
    expect(() => softTargetLossMultiHead([a, a], [a], 1)).toThrow(/heads/);
    tf.dispose([a, b]);
  });
});

describe('softTargetLossPerTeacher', () => {
  const restrict = (student: Matrix, map: number[]): Matrix => student.map((row) => map.map((c) => row[c]));
  const ref = (student: Matrix, teachers: Matrix[], maps: number[][], t: number) =>
    kdMultiHeadRef(maps.map((m) => restrict(student, m)), teachers, t) / teachers.length;

  it.each(SEEDS)('is the mean over teachers of T²·mean KL against the student restricted to their classes, overlap included (seed %i)', (seed) => {
    const random = seededRandom(seed);
    const teachers = MAPS.map((m) => randomMatrix(random, 6, m.length, 4));
    const student = randomMatrix(random, 6, 5, 4);
    for (const t of [1, 4]) {
      expectClose(valueOf(tf.tidy(() => softTargetLossPerTeacher(t2(student), teachers.map(t2), MAPS, t))), ref(student, teachers, MAPS, t));
    }
  });

  it("is 0 when each teacher's classes keep its ranking inside the student, whatever mass the other classes hold", () => {
    const teachers = [[[1, 2]], [[0, -1]]];
    const student = [[1, 2, 7, 6]]; // classes 2 and 3 hold most of the mass, as a non-owner's would not
    expect(Math.abs(valueOf(tf.tidy(() => softTargetLossPerTeacher(t2(student), teachers.map(t2), [[0, 1], [2, 3]], 1))))).toBeLessThan(1e-6);
  });

  it('has gradients matching finite differences, and none on classes no teacher in the batch names', () => {
    const random = seededRandom(21);
    const teachers = [randomMatrix(random, 3, 2, 3), randomMatrix(random, 3, 3, 3)];
    const maps = [[0, 1], [1, 2, 3]];
    const student = randomMatrix(random, 3, 5, 3);
    expectGradientsMatch((s) => softTargetLossPerTeacher(s as tf.Tensor2D, teachers.map(t2), maps, 2), [student], (s) => ref(s, teachers, maps, 2));
    const grad = tf.tidy(() => tf.grad((s: tf.Tensor) => softTargetLossPerTeacher(s as tf.Tensor2D, teachers.map(t2), maps, 2))(t2(student)).arraySync() as Matrix);
    expect(grad.map((row) => row[4])).toEqual([0, 0, 0]);
  });

  it('rejects a teacher whose logits do not fit its label map', () => {
    const s = tf.zeros([2, 4]) as tf.Tensor2D;
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => softTargetLossPerTeacher(s, [z], [[0, 1]], 1)).toThrow(/3 for 2 images and 2 classes|logits \[2,3\]/);
    expect(() => softTargetLossPerTeacher(s, [z], [[0, 1, 2], [3]], 1)).toThrow(/label maps/);
    tf.dispose([s, z]);
  });

  it('does not leak tensors', () => {
    expectNoLeak(() => ({ s: t2([[1, 2, 3]]), t: [t2([[2, 1]]), t2([[0, 1]])] }), ({ s, t }) => softTargetLossPerTeacher(s, t, [[0, 1], [1, 2]], 2));
  });
});
