import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImages } from '../data/labelledImages';
import type { Teacher } from '../teachers/loadTeacher';
import { useNodeBackend } from '../../node/wasmBackend';
import type { RunConfig } from './config';
import { embeddingSnapshot, type EmbeddingSnapshot } from './embeddingSnapshot';
import { digitNames, memoryTeacher, syntheticLabelled } from './testFixtures';
import { createTrainingSession, type TrainingSession } from './trainingSession';
import { configFromPreset } from './resolveConfig';

/**
 * 20 union classes (two 10-class teachers, as for MNIST + Fashion-MNIST), so the fixed probe
 * set (50 per class) has 1000 points. The student and common space have the default sizes
 * (width 32, m = 64), which is what the browser plots. wasm backend.
 */

const names = digitNames(0, 19);
let teachers: Teacher[];
let train: LabelledImages;
let test: LabelledImages;

const sessionFor = (config: RunConfig) => createTrainingSession({ config, teachers, train, test, backend: 'wasm' });
const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i], 0);
const axisPairs = (s: EmbeddingSnapshot) => [s.axes.student, ...s.axes.teachers];

describe('embedding snapshot (wasm)', () => {
  let session: TrainingSession;

  beforeAll(async () => {
    await useNodeBackend('wasm');
    teachers = await Promise.all([
      memoryTeacher({ id: 'mlp-0-9', labels: names.slice(0, 10), architecture: 'mlp', seed: 3 }),
      memoryTeacher({ id: 'lenet-10-19', labels: names.slice(10), architecture: 'lenet5', seed: 4, mean: 0.1307, std: 0.3081 }),
    ]);
    train = syntheticLabelled(160, 1, names);
    test = syntheticLabelled(1200, 2, names);
    session = sessionFor(configFromPreset('cka', { batchSize: 16, transferLimit: 160 }));
  });

  it('gives 2-D points, labels and cohesion for every probe point, in the common space', async () => {
    const s = await embeddingSnapshot(session);
    expect(s.space).toBe('common');
    expect(s.count).toBe(1000);
    expect(s.classNames).toEqual(names);
    expect(s.teachers.map((t) => [t.id, t.dimensions])).toEqual([['mlp-0-9', 64], ['lenet-10-19', 64]]);
    for (const e of [s.student, ...s.teachers]) {
      expect(e.points.length).toBe(2000);
      expect(e.points.every(Number.isFinite)).toBe(true);
      expect(e.variances[0]).toBeGreaterThanOrEqual(e.variances[1]);
      expect(e.cohesion.trueLabels.classes).toBe(20);
      expect(Number.isFinite(e.cohesion.trueLabels.silhouette)).toBe(true);
    }
    expect(s.student.dimensions).toBe(64);
    expect(s.axes.student.length).toBe(2 * 64);
    expect([s.trueLabels.length, s.pseudoLabels.length]).toEqual([1000, 1000]);
    expect(new Set(s.trueLabels)).toEqual(new Set(Array.from({ length: 20 }, (_, y) => y)));
    expect(s.pseudoLabels.every((y) => y >= 0 && y < 20)).toBe(true);
    expect(s.student.cohesion.pseudoLabels.classes).toBe(new Set(s.pseudoLabels).size);
    // Each point's owning teacher; a pseudo-label always comes from its owner's classes (cka: hard ownership).
    expect(s.owners.length).toBe(1000);
    expect(s.owners.every((k, i) => k === (s.pseudoLabels[i] < 10 ? 0 : 1))).toBe(true);
  });

  it('is deterministic, leaks nothing, keeps axis signs across frames, and is quick for 1000 points', async () => {
    const before = tf.memory();
    const started = performance.now();
    const first = await embeddingSnapshot(session);
    const ms = performance.now() - started;
    expect({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes }).toEqual({ numTensors: before.numTensors, numBytes: before.numBytes });
    console.log(`embedding snapshot of ${first.count} points (student + 2 teachers, m = 64): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);

    const again = await embeddingSnapshot(session, { previousAxes: first.axes });
    expect(again.student.points).toEqual(first.student.points);
    expect(again.teachers[1].points).toEqual(first.teachers[1].points);
    expect(again.axes).toEqual(first.axes);

    await session.run({ steps: 3 });
    const later = await embeddingSnapshot(session, { previousAxes: first.axes });
    expect(later.step).toBe(3);
    expect(later.student.points).not.toEqual(first.student.points);
    axisPairs(later).forEach((axes, e) => {
      for (let j = 0; j < 2; j++) expect(dot(axes.subarray(j * 64, (j + 1) * 64), axisPairs(first)[e].subarray(j * 64, (j + 1) * 64))).toBeGreaterThan(-1e-3);
    });
  });

  it('uses the student features h and the teachers\' own features when no common space is trained (kd)', async () => {
    const kd = sessionFor(configFromPreset('kd', { studentWidth: 8, batchSize: 16, transferLimit: 160 }));
    const s = await embeddingSnapshot(kd);
    expect(s.space).toBe('features');
    expect([s.student.dimensions, ...s.teachers.map((t) => t.dimensions)]).toEqual([64, 96, 84]);
    await kd.dispose();
  });
});
