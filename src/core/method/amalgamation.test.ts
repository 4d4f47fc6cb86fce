import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages } from '../data/labelledImages';
import { batchToTensor } from '../data/imageTensors';
import { gatherPixels } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { readDataFileFromDisk } from '../../node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../node/teacherFiles';
import {
  createAmalgamation,
  disposeAmalgamation,
  NonFiniteLossError,
  predictUnion,
  runTeachers,
  trainableVariables,
  trainStep,
  type Amalgamation,
} from './amalgamation';
import { lossTermNames, teacherTargets, type LossTermName } from './amalgamationLoss';
import { commonSpaceWeights } from './commonSpace';
import { presetNames, type Combiner, type PresetName, type TaskMode } from './config';
import { evaluateStudent } from './evaluateStudent';
import { useNodeBackend, type NodeBackend } from '../../node/wasmBackend';
import { bitwiseEqual, layerValues, randomImages, smallTeachers, snapshot, syntheticLabelled } from './testFixtures';
import { configFromPreset, type ConfigOverrides } from './resolveConfig';

/**
 * The training step with small random-weight teachers (an MLP on 0-4 and a LeNet-5 on 4-9:
 * heterogeneous input and feature sizes, overlapping on '4'), plus one block with the real
 * shipped MNIST teachers on real images. Backend: wasm, the project's Node backend (~5x faster
 * than cpu here); CKA_TEST_BACKEND=cpu runs the same tests on cpu.
 */

const BACKEND = (process.env.CKA_TEST_BACKEND ?? 'wasm') as NodeBackend;
const SHAPE = { height: 28, width: 28, channels: 1 };
const BATCH = 16;
/** Small but real: the student keeps its architecture, only narrower. */
const SMALL: ConfigOverrides = { studentWidth: 4, projectionSize: 16, batchSize: BATCH, learningRate: 1e-2 };

/** What each preset must compute, written out (not derived from the config it tests). */
const activeTerms: Record<PresetName, LossTermName[]> = {
  kd: ['kd'],
  cfl: ['kd', 'cflMmd', 'cflReconstruction'],
  cka: ['kd', 'teacherKd', 'intra', 'inter', 'align'],
  'cka-concat': ['kd', 'intra', 'inter', 'align'],
  'cka-no-intra': ['kd', 'teacherKd', 'inter', 'align'],
  'cka-no-inter': ['kd', 'teacherKd', 'intra', 'align'],
  'cka-no-align': ['kd', 'teacherKd', 'intra', 'inter'],
  oracle: ['supervised'],
};

const labelsFor = (n: number) => Int32Array.from({ length: n }, (_, i) => i % 10);

const studentValues = (a: Amalgamation) => layerValues(a.student.model);
const spaceValues = (a: Amalgamation) => snapshot(commonSpaceWeights(a.space).map((w) => w.read()));
const teacherValues = (teachers: Teacher[]) => teachers.map((t) => layerValues(t.model, false));

function expectAllChanged(before: Float32Array[], after: Float32Array[], what: string) {
  expect(after.length).toBe(before.length);
  before.forEach((b, i) => expect(bitwiseEqual(b, after[i]), `${what} variable ${i} should have changed`).toBe(false));
}

function expectAllSame(before: Float32Array[], after: Float32Array[], what: string) {
  expect(after.length).toBe(before.length);
  before.forEach((b, i) => expect(bitwiseEqual(b, after[i]), `${what} variable ${i} should be bitwise unchanged`).toBe(true));
}

function expectTeachersFrozen(before: Float32Array[][], teachers: Teacher[]) {
  const after = teacherValues(teachers);
  before.forEach((values, k) => expectAllSame(values, after[k], `teacher ${teachers[k].metadata.id}`));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the step to be refused');
    },
    (e: unknown) => e,
  );
}

describe(`trainStep with small in-memory teachers (${BACKEND})`, () => {
  let teachers: Teacher[];
  let frozen: Float32Array[][];
  let x: tf.Tensor4D;

  beforeAll(async () => {
    await useNodeBackend(BACKEND);
    teachers = await smallTeachers();
    frozen = teacherValues(teachers);
    x = randomImages(BATCH, 11);
  });

  afterAll(() => {
    x.dispose();
    teachers.forEach((t) => t.dispose());
  });

  const combos = presetNames.flatMap((preset) =>
    (['joint', 'multi-head'] as TaskMode[]).flatMap((taskMode) => (['concat', 'confidence'] as Combiner[]).map((combiner) => ({ preset, taskMode, combiner }))),
  );

  it.each(combos)('$preset / $taskMode / $combiner: finite loss, only its own terms, weights move, teachers frozen', async ({ preset, taskMode, combiner }) => {
    const config = configFromPreset(preset, { ...SMALL, taskMode, combiner });
    const a = createAmalgamation(config, teachers, SHAPE);
    try {
      expect(a.student.heads).toBe(taskMode === 'joint' ? 1 : 2);
      const student0 = studentValues(a);
      const space0 = spaceValues(a);
      // Only the oracle is given labels; every other preset trains without them.
      const labels = config.supervised ? labelsFor(BATCH) : undefined;
      for (let s = 1; s <= 2; s++) {
        const r = await trainStep(a, x, labels);
        expect(r.step).toBe(s);
        expect(Object.keys(r.terms).sort()).toEqual([...lossTermNames].sort());
        for (const name of lossTermNames) {
          expect(Number.isFinite(r.terms[name]), `${name} finite`).toBe(true);
          // A multi-head student has a head per teacher already: no per-teacher term.
          if (activeTerms[preset].includes(name) && (name !== 'teacherKd' || taskMode === 'joint')) expect(r.terms[name], `${name} active`).not.toBe(0);
          else expect(r.terms[name], `${name} inactive`).toBe(0);
        }
        expect(Number.isFinite(r.total)).toBe(true);
        // The total is the weighted sum of the terms (supervised has weight 1).
        const w = config.weights as unknown as Record<string, number>;
        const expected = lossTermNames.reduce((sum, n) => sum + r.terms[n] * (n === 'supervised' ? 1 : w[n]), 0);
        expect(Math.abs(r.total - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
      }
      expect(a.step).toBe(2);
      expectAllChanged(student0, studentValues(a), 'student');
      const usesSpace = activeTerms[preset].some((n) => n !== 'kd' && n !== 'supervised');
      if (usesSpace) expectAllChanged(space0, spaceValues(a), 'common space');
      else expectAllSame(space0, spaceValues(a), 'unused common space');
      expect(a.space.decoders.length).toBe(preset === 'cfl' ? teachers.length : 0);
      expectTeachersFrozen(frozen, teachers);
      // The images are the caller's: still alive and unchanged.
      expect(x.isDisposed).toBe(false);
    } finally {
      disposeAmalgamation(a);
    }
  });

  it('the instance terms train when weighted: finite, non-zero, in the total, the same for a twin, nothing leaked', async () => {
    const config = configFromPreset('cka', { ...SMALL, weights: { instanceInter: 0.5, instanceIntra: 0.25 } });
    const a = createAmalgamation(config, teachers, SHAPE);
    const twin = createAmalgamation(config, teachers, SHAPE);
    try {
      await trainStep(a, x);
      await trainStep(twin, x);
      const before = tf.memory().numTensors;
      const r = await trainStep(a, x);
      expect(tf.memory().numTensors).toBe(before);
      for (const name of ['instanceInter', 'instanceIntra'] as const) {
        expect(Number.isFinite(r.terms[name]), name).toBe(true);
        expect(r.terms[name], name).toBeGreaterThan(0);
      }
      const w = config.weights as unknown as Record<string, number>;
      const expected = lossTermNames.reduce((sum, n) => sum + r.terms[n] * (n === 'supervised' ? 1 : w[n]), 0);
      expect(Math.abs(r.total - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
      // The second view is seeded by the run's seed and the step: a twin draws the same view.
      expect((await trainStep(twin, x)).terms).toEqual(r.terms);
    } finally {
      disposeAmalgamation(a);
      disposeAmalgamation(twin);
    }
  });

  // Guards against tfjs 4.22's wasm GatherV2 with batchDims > 0 (tensorflow/tfjs#8658), which
  // once gave wrong multi-head pseudo-labels here or trapped with "memory access out of bounds".
  it('multi-head pseudo-labels are the most confident teacher\'s class, on this backend', async () => {
    const a = createAmalgamation(configFromPreset('cka', { ...SMALL, taskMode: 'multi-head' }), teachers, SHAPE);
    // Teacher 0 knows 0-4, teacher 1 knows 4-9 (union ids 4..9). Row r: the confident teacher and its class.
    const rows: [number[], number[], number][] = [
      [[9, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1], 0],
      [[0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 9], 9],
      [[0, 1, 0, 0, 0], [0, 0, 0, 0, 0, 8], 9],
      [[0, 0, 7, 0, 0], [0, 2, 0, 0, 0, 0], 2],
      [[0, 0, 0, 0, 0], [0, 0, 0, 6, 0, 0], 7],
      [[0, 0, 0, 0, 0], [5, 0, 0, 0, 0, 0], 4],
    ];
    const logits = [tf.tensor2d(rows.map((r) => r[0])), tf.tensor2d(rows.map((r) => r[1]))];
    const { target, pseudo } = teacherTargets(a.config, a.union, { features: [], logits: logits as tf.Tensor2D[] });
    expect(Array.from(await pseudo.data())).toEqual(rows.map((r) => r[2]));
    tf.dispose([...logits, target, pseudo]);
    disposeAmalgamation(a);
  });

  it('the trainable variables are the student (and common space when used), never a teacher', () => {
    const teacherIds = new Set(teachers.flatMap((t) => t.model.weights.map((w) => w.read().id)));
    for (const preset of ['cka', 'cfl', 'kd', 'oracle'] as const) {
      const a = createAmalgamation(configFromPreset(preset, SMALL), teachers, SHAPE);
      const vars = trainableVariables(a);
      expect(vars.some((v) => teacherIds.has(v.id))).toBe(false);
      const expected = a.student.model.trainableWeights.length + (preset === 'cka' || preset === 'cfl' ? commonSpaceWeights(a.space).length : 0);
      expect(vars.length).toBe(expected);
      disposeAmalgamation(a);
    }
  });

  it.each([
    ['cka', 'joint'],
    ['cka', 'multi-head'],
    ['cfl', 'joint'],
  ] as const)('%s / %s leaks no tensor: numTensors is flat over steps 2..6', async (preset, taskMode) => {
    const a = createAmalgamation(configFromPreset(preset, { ...SMALL, taskMode }), teachers, SHAPE);
    const counts: number[] = [];
    for (let s = 0; s < 6; s++) {
      await trainStep(a, x);
      counts.push(tf.memory().numTensors);
    }
    // Step 1 creates the optimiser's slots; from then on nothing may accumulate.
    expect(counts.slice(1)).toEqual(Array(5).fill(counts[1]));
    disposeAmalgamation(a);
  });

  it('predictUnion leaks nothing and gives union probabilities (joint and multi-head)', async () => {
    for (const taskMode of ['joint', 'multi-head'] as const) {
      for (const combiner of ['concat', 'confidence'] as const) {
        const a = createAmalgamation(configFromPreset('cka', { ...SMALL, taskMode, combiner }), teachers, SHAPE);
        const before = tf.memory().numTensors;
        const p = predictUnion(a, x);
        expect(tf.memory().numTensors).toBe(before + 1);
        expect(p.shape).toEqual([BATCH, 10]);
        const rows = (await p.array()) as number[][];
        rows.forEach((row) => expect(Math.abs(row.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-5));
        p.dispose();
        expect(tf.memory().numTensors).toBe(before);
        disposeAmalgamation(a);
      }
    }
  });

  it('evaluateStudent leaks nothing and skips classes no teacher knows', async () => {
    // 70 images over 11 classes: 0-9 are known, 'unknown' (label 10) is not.
    const test = syntheticLabelled(77, 5, [...Array.from({ length: 10 }, (_, i) => String(i)), 'unknown']);
    const probe = Int32Array.from({ length: test.count }, (_, i) => i).filter((i) => test.labels[i] !== 10);
    for (const taskMode of ['joint', 'multi-head'] as const) {
      const a = createAmalgamation(configFromPreset('cka', { ...SMALL, taskMode }), teachers, SHAPE);
      await trainStep(a, x);
      const before = tf.memory().numTensors;
      const e = await evaluateStudent(a, test, probe, 32);
      expect(tf.memory().numTensors).toBe(before);
      expect(e.samples).toBe(70);
      expect(e.jointAccuracy).toBeGreaterThanOrEqual(0);
      expect(e.jointAccuracy).toBeLessThanOrEqual(1);
      expect(e.perTeacher.map((t) => [t.id, t.samples])).toEqual([
        ['mlp-0-4', 35],
        ['lenet-4-9', 42],
      ]);
      expect(e.confusion.length).toBe(10);
      expect(e.confusion.flat().reduce((s, v) => s + v, 0)).toBe(70);
      expect(e.cohesion.trueLabels.classes).toBe(10);
      expect(Number.isFinite(e.cohesion.trueLabels.silhouette)).toBe(true);
      disposeAmalgamation(a);
    }
  });

  it.each([
    ['cka', 'joint'],
    ['cfl', 'joint'],
    ['kd', 'multi-head'],
    ['oracle', 'joint'],
  ] as const)('%s / %s refuses a NaN loss: NonFiniteLossError, weights and optimiser untouched, nothing leaked', async (preset, taskMode) => {
    const config = configFromPreset(preset, { ...SMALL, taskMode });
    const a = createAmalgamation(config, teachers, SHAPE);
    const twin = createAmalgamation(config, teachers, SHAPE);
    const labels = config.supervised ? labelsFor(BATCH) : undefined;
    try {
      await trainStep(a, x, labels);
      await trainStep(twin, x, labels);
      const student0 = studentValues(a);
      const space0 = spaceValues(a);
      const pixels = x.arraySync();
      pixels[3][10][10][0] = Number.NaN;
      const poisoned = tf.tensor4d(pixels);
      const before = tf.memory().numTensors;
      const error = await rejection(trainStep(a, poisoned, labels));
      expect(tf.memory().numTensors).toBe(before);
      poisoned.dispose();
      expect(error).toBeInstanceOf(NonFiniteLossError);
      const nf = error as NonFiniteLossError;
      expect(nf.step).toBe(1);
      expect(Object.values(nf.terms).some((v) => !Number.isFinite(v))).toBe(true);
      expect(nf.message).toMatch(/NaN/);
      expect(a.step).toBe(1);
      expectAllSame(student0, studentValues(a), 'student after a refused step');
      expectAllSame(space0, spaceValues(a), 'common space after a refused step');
      expectTeachersFrozen(frozen, teachers);
      // The optimiser saw nothing either: the next clean step equals a twin's that never saw the NaN.
      const r = await trainStep(a, x, labels);
      const t = await trainStep(twin, x, labels);
      expect(r.step).toBe(2);
      expect(r.total).toBe(t.total);
      expectAllSame(studentValues(twin), studentValues(a), 'student vs twin');
      expectAllSame(spaceValues(twin), spaceValues(a), 'common space vs twin');
    } finally {
      disposeAmalgamation(a);
      disposeAmalgamation(twin);
    }
  });

  it.each(['cka', 'kd', 'cfl'] as const)('%s never reads labels: a step with labels equals a step without, bit for bit', async (preset) => {
    const config = configFromPreset(preset, SMALL);
    const a = createAmalgamation(config, teachers, SHAPE);
    const b = createAmalgamation(config, teachers, SHAPE);
    const wrong = Int32Array.from({ length: BATCH }, () => 7);
    for (let s = 0; s < 2; s++) {
      const ra = await trainStep(a, x);
      const rb = await trainStep(b, x, s === 0 ? labelsFor(BATCH) : wrong);
      expect(rb.terms).toEqual(ra.terms);
      expect(rb.terms.supervised).toBe(0);
    }
    expectAllSame(studentValues(a), studentValues(b), 'student');
    expectAllSame(spaceValues(a), spaceValues(b), 'common space');
    disposeAmalgamation(a);
    disposeAmalgamation(b);
  });

  it('the oracle does read labels: different labels give a different loss', async () => {
    const config = configFromPreset('oracle', SMALL);
    const a = createAmalgamation(config, teachers, SHAPE);
    const b = createAmalgamation(config, teachers, SHAPE);
    const ra = await trainStep(a, x, labelsFor(BATCH));
    const rb = await trainStep(b, x, Int32Array.from({ length: BATCH }, () => 7));
    expect(ra.terms.supervised).not.toBe(rb.terms.supervised);
    disposeAmalgamation(a);
    disposeAmalgamation(b);
  });

  it.each(['joint', 'multi-head'] as const)('the oracle without labels is refused with a clear error and changes nothing (%s)', async (taskMode) => {
    const a = createAmalgamation(configFromPreset('oracle', { ...SMALL, taskMode }), teachers, SHAPE);
    try {
      const student0 = studentValues(a);
      const error = await rejection(trainStep(a, x));
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/oracle needs true labels/);
      expect(a.step).toBe(0);
      expectAllSame(student0, studentValues(a), 'student');
    } finally {
      disposeAmalgamation(a);
    }
  });

  // An error thrown inside tf.variableGrads abandons the tape and leaks what it saved (~30
  // tensors a call once); the oracle's label check must run before the tape.
  it('a refused oracle step (no labels) leaks no tensors', async () => {
    const a = createAmalgamation(configFromPreset('oracle', SMALL), teachers, SHAPE);
    try {
      await trainStep(a, x, labelsFor(BATCH)); // optimiser slots exist
      const before = tf.memory().numTensors;
      await rejection(trainStep(a, x));
      expect(tf.memory().numTensors - before).toBe(0);
    } finally {
      disposeAmalgamation(a);
    }
  });
});

describe(`trainStep with the shipped teachers on real MNIST (${BACKEND})`, () => {
  let teachers: Teacher[];
  let frozen: Float32Array[][];
  let x: tf.Tensor4D;

  beforeAll(async () => {
    await useNodeBackend(BACKEND);
    teachers = await Promise.all(['mnist-0-4', 'mnist-5-9'].map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
    frozen = teacherValues(teachers);
    const test = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
    x = batchToTensor(gatherPixels(test.pixels, 28 * 28, Int32Array.from({ length: 32 }, (_, i) => i)), test);
  });

  afterAll(() => {
    x?.dispose();
    teachers?.forEach((t) => t.dispose());
  });

  it.each(['cka', 'cfl'] as const)('%s: finite active terms, weights move, no leak over steps 2..4, teachers frozen', async (preset) => {
    const a = createAmalgamation(configFromPreset(preset, { studentWidth: 8, batchSize: 32 }), teachers, SHAPE);
    try {
      const student0 = studentValues(a);
      const space0 = spaceValues(a);
      const counts: number[] = [];
      for (let s = 0; s < 4; s++) {
        const r = await trainStep(a, x);
        for (const n of lossTermNames) {
          expect(Number.isFinite(r.terms[n])).toBe(true);
          expect(r.terms[n] !== 0).toBe(activeTerms[preset].includes(n));
        }
        counts.push(tf.memory().numTensors);
      }
      expect(counts.slice(1)).toEqual(Array(3).fill(counts[1]));
      expectAllChanged(student0, studentValues(a), 'student');
      expectAllChanged(space0, spaceValues(a), 'common space');
      expectTeachersFrozen(frozen, teachers);
    } finally {
      disposeAmalgamation(a);
    }
  });

  it('wiring sanity: the teachers\' joint pseudo-labels of real test digits are mostly right', async () => {
    // The untrained student's target is the teachers' combined softmax; its argmax on real digits
    // should mostly be the true digit if label maps and preprocessing are right. Measured on the
    // first 256 test digits: 0.84 (concat) and 0.86 (confidence) over 2000; a broken map gives ~0.1.
    const test = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
    const n = 256;
    const images = batchToTensor(gatherPixels(test.pixels, 28 * 28, Int32Array.from({ length: n }, (_, i) => i)), test);
    for (const combiner of ['concat', 'confidence'] as const) {
      const a = createAmalgamation(configFromPreset('cka', { studentWidth: 4, combiner }), teachers, SHAPE);
      const pseudo = tf.tidy(() => teacherTargets(a.config, a.union, runTeachers(teachers, images)).pseudo);
      const predicted = await pseudo.data();
      pseudo.dispose();
      const correct = Array.from(predicted).filter((p, i) => a.union.names[p] === test.labelNames[test.labels[i]]).length;
      expect(correct / n).toBeGreaterThanOrEqual(0.75);
      disposeAmalgamation(a);
    }
    images.dispose();
  });
});
