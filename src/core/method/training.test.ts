import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { takeSamples, type LabelledImages } from '../data/labelledImages';
import { epochOrder } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { readDataFileFromDisk } from '../../node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../../node/teacherFiles';
import { useNodeBackend } from '../../node/wasmBackend';
import { runAmalgamation, type RunRecord, type StepProgress } from './runAmalgamation';
import { loadRunData } from './runData';
import { configFromPreset } from './resolveConfig';

/**
 * A short real amalgamation: the shipped teachers mnist-0-4 and mnist-5-9, real MNIST, preset
 * cka, 3200 transfer images, 1 epoch of batch 64 (50 steps), wasm backend. It must clearly beat
 * the untrained student.
 *
 * Measured (wasm, 2000-image test subset below, seeds 1/2/3): untrained 0.097/0.073/0.069,
 * trained 0.776/0.774/0.792; silhouette (true labels) 0.08/0.10/0.12 -> 0.35/0.35/0.38;
 * student on each teacher's classes 0.95-0.96 (0-4) and 0.92 (5-9). For scale, the teachers'
 * own joint pseudo-labels are right on 0.84 (concat) of MNIST test digits. With the loss broken
 * (kd weight 0: the joint head never trains) the run ends at 0.097, i.e. untrained.
 *
 * Margins: accuracy >= 0.65 AND >= untrained + 0.40. 0.65 sits 0.12 below the worst seed seen
 * (robust to seeds and float differences between machines) yet far above anything a run that
 * does not learn reaches (~0.1, at most ~0.5 if only one teacher's half were learnt).
 * Silhouette must gain >= 0.10 (seen: +0.23 to +0.27; a broken run gains ~0.02).
 * Wall time ~20-30 s on 2 shared cores.
 */

const MIN_ACCURACY = 0.65;
const MIN_GAIN = 0.4;
const MIN_SILHOUETTE_GAIN = 0.1;
const TEST_SUBSET = 2000;

describe('a short real CKA run on MNIST (wasm)', () => {
  let teachers: Teacher[];
  let train: LabelledImages;
  let test: LabelledImages;
  let backend: string;

  beforeAll(async () => {
    backend = await useNodeBackend('wasm');
    teachers = await Promise.all(['mnist-0-4', 'mnist-5-9'].map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
    const data = await loadRunData('mnist', readDataFileFromDisk);
    train = data.train;
    // A fixed, seeded subset of the test split keeps both evaluations cheap (SE ~0.01 at 0.78).
    test = takeSamples(data.test, epochOrder(data.test.count, 0, 0).subarray(0, TEST_SUBSET));
  });

  it('clearly beats the untrained student, fills every report field, tightens the embedding', async () => {
    const config = configFromPreset('cka', { transferLimit: 3200, epochs: 1, batchSize: 64, seed: 1 });
    const steps: StepProgress[] = [];
    const record: RunRecord = await runAmalgamation({ config, teachers, train, test, backend }, { onStep: (p) => steps.push(p) });

    // The run itself: 3200 images / 64 = 50 steps, every loss finite, the loss going down.
    expect(record.backend).toBe('wasm');
    expect(record.transferImages).toBe(3200);
    expect(steps.length).toBe(50);
    expect(steps.every((s) => Number.isFinite(s.result.total))).toBe(true);
    const mean = (xs: StepProgress[]) => xs.reduce((s, p) => s + p.result.total, 0) / xs.length;
    expect(mean(steps.slice(-10))).toBeLessThan(mean(steps.slice(0, 10)));
    expect(record.epochs.length).toBe(1);
    expect(record.final).toBe(record.epochs[0].evaluation);
    expect(record.union).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

    // Joint accuracy (margins explained above).
    const { untrained, final } = record;
    expect(final.samples).toBe(TEST_SUBSET);
    expect(final.jointAccuracy).toBeGreaterThanOrEqual(MIN_ACCURACY);
    expect(final.jointAccuracy).toBeGreaterThanOrEqual(untrained.jointAccuracy + MIN_GAIN);

    // Per-teacher comparison: both filled, on each teacher's own classes, student vs teacher.
    expect(final.perTeacher.map((t) => t.id)).toEqual(['mnist-0-4', 'mnist-5-9']);
    expect(final.perTeacher.map((t) => t.classes)).toEqual([teachers[0].metadata.labels, teachers[1].metadata.labels]);
    expect(final.perTeacher.reduce((s, t) => s + t.samples, 0)).toBe(TEST_SUBSET);
    for (const [k, t] of final.perTeacher.entries()) {
      expect(t.samples).toBeGreaterThan(800);
      expect(t.teacher).toBeGreaterThanOrEqual(0.98); // the shipped teachers are ~0.99 on their classes
      expect(t.student).toBeGreaterThanOrEqual(0.8); // seen 0.92-0.96
      expect(t.student).toBeLessThanOrEqual(1);
      expect(t.student).toBeGreaterThan(untrained.perTeacher[k].student + 0.3);
      expect(untrained.perTeacher[k].teacher).toBe(t.teacher); // the teachers did not move
    }
    expect(final.perClass.length).toBe(10);
    expect(final.perClass.every((a) => a !== null && a >= 0 && a <= 1)).toBe(true);

    // Cohesion of the student's features on the probe set, with true labels.
    const before = untrained.cohesion.trueLabels;
    const after = final.cohesion.trueLabels;
    expect(after.classes).toBe(10);
    expect(Number.isFinite(before.silhouette) && Number.isFinite(after.silhouette)).toBe(true);
    expect(after.silhouette).toBeGreaterThanOrEqual(before.silhouette + MIN_SILHOUETTE_GAIN);
    expect(after.ratio).toBeLessThan(before.ratio);
    expect(Number.isFinite(final.cohesion.pseudoLabels.silhouette)).toBe(true);
  });
});
