import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages, type LabelledImages } from '../core/data/labelledImages';
import { createAmalgamation, disposeAmalgamation, predictUnion, trainStep, type Amalgamation } from '../core/method/amalgamation';
import { configFromPreset } from '../core/method/resolveConfig';
import { matchDroppedFiles, type NamedBytes } from '../core/teachers/droppedFiles';
import { loadDroppedTeacher } from '../core/teachers/loadDropped';
import { exportStudentForTm } from '../core/teachers/tmExport';
import { tmLoad, tmPredict } from './tmLibrary';
import { readDataFileFromDisk } from './dataFiles';
import { loadTeacherFromDir, teachersRoot } from './teacherFiles';
import { useNodeBackend } from './wasmBackend';

/** The student in Teachable Machine's format, through TM's documented load() and predict() (see tmLibrary.ts). */
const shape = { height: 28, width: 28, channels: 1 };
const IMAGES = 50;

const argmax = (row: number[]) => row.indexOf(Math.max(...row));
/** How far the top class is ahead of the next. */
const margin = (row: number[]) => {
  const [a, b] = [...row].sort((p, q) => q - p);
  return a - b;
};

describe('student export in Teachable Machine format', () => {
  let a: Amalgamation;
  let test: LabelledImages;
  let x: tf.Tensor4D;
  let files: NamedBytes[];
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const teachers = await Promise.all(['mnist-0-4', 'mnist-5-9'].map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
    a = createAmalgamation(configFromPreset('kd', { seed: 3 }), teachers, shape);
    // A briefly trained student, so its top classes mean something.
    const train = await loadLabelledImages('mnist', 'train', readDataFileFromDisk);
    for (let step = 0; step < 150; step++) {
      const batch = tf.tensor4d(Float32Array.from(train.pixels.subarray(step * 64 * 784, (step + 1) * 64 * 784), (p) => p / 255), [64, 28, 28, 1]);
      await trainStep(a, batch);
      batch.dispose();
    }
    test = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
    x = tf.tensor4d(Float32Array.from(test.pixels.subarray(0, IMAGES * 784), (p) => p / 255), [IMAGES, 28, 28, 1]);
    files = await exportStudentForTm(a, shape, 'student');
  }, 120_000);
  afterAll(() => disposeAmalgamation(a));

  it("writes TM's files: model.json, weights.bin, metadata.json with labels and imageSize", () => {
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'metadata.json']);
    const metadata = JSON.parse(new TextDecoder().decode(files[2].bytes)) as Record<string, unknown>;
    expect(metadata).toMatchObject({ packageName: '@teachablemachine/image', labels: a.union.names, imageSize: 224, modelName: 'student' });
  });

  it("gives the studio's probabilities through TM's loading and preprocessing, and its top class on 50 test images", async () => {
    const { model, labels } = await tmLoad(files);
    expect(labels).toEqual(a.union.names);
    const studio = predictUnion(a, x).arraySync();
    // Each pixel an 8 x 8 block of TM's canvas: the very same image, so the same probabilities.
    tmPredict(model, x, false).forEach((row, i) => row.forEach((p, c) => expect(Math.abs(p - studio[i][c])).toBeLessThan(1e-5)));
    // A canvas smoothing the upscale changes the image a little: the same top class wherever
    // the studio's is not a near tie (a tie flips under any resampling, not through the export).
    const smooth = tmPredict(model, x, true);
    const agree = smooth.filter((row, i) => argmax(row) === argmax(studio[i])).length;
    const right = studio.filter((row, i) => argmax(row) === test.labels[i]).length;
    console.log(`TM export: top class equal to the studio's on ${IMAGES}/${IMAGES} pixel-block and ${agree}/${IMAGES} smoothly upscaled test images (studio right on ${right}/${IMAGES})`);
    smooth.forEach((row, i) => margin(studio[i]) > 0.1 && expect(argmax(row), `image ${i}`).toBe(argmax(studio[i])));
    expect(agree).toBeGreaterThanOrEqual(IMAGES - 3);
  });

  it('loads back through the drop zone as a TM export', async () => {
    const { teacher } = await loadDroppedTeacher(matchDroppedFiles('tm-student', files), { id: 'dropped:s', title: 's' });
    expect(teacher.outputs).toBe('probabilities');
    expect(teacher.metadata.input).toMatchObject({ height: 224, width: 224, channels: 3 });
    const studio = predictUnion(a, x).arraySync();
    const back = teacher.probabilities(x).arraySync();
    // The studio upsamples 28 -> 224 without half-pixel centres (toModelInput), a shift of under
    // half a pixel at the block centres the export samples: most top classes survive it.
    const agree = back.filter((row, i) => argmax(row) === argmax(studio[i])).length;
    console.log(`TM export dropped back on the studio: top class equal on ${agree}/${IMAGES}`);
    expect(agree).toBeGreaterThanOrEqual(IMAGES - 5);
    teacher.dispose();
  });
});
