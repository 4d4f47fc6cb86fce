import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import type { Prediction } from '../src/protocol/messages';
import { encodeGrayPng } from '../src/node/pngEncode';
import { tmLoad, tmPredict } from '../src/node/tmLibrary';
import { callWorkerOk, drawStrokeAndPredict, openStudio } from './studio';

/**
 * Journey 1, export half: train a few steps on two shipped teachers, export the student
 * through the page's button, load the downloaded files back as a teacher through the drop
 * zone, and get the student's predictions from it; plain tfjs in Node loads them too.
 */
const IMAGES = 40;

/** A folder of tfjs files as plain tfjs reads it: model.json, then the shards its manifest names. */
function folderHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
      const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p))));
      const weightData = new Uint8Array(Buffer.concat(shards)).buffer;
      return { modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData };
    },
  };
}

async function download(page: Page, name: string, dir: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('list', { name: 'Exported files' }).getByRole('link', { name, exact: true }).click();
  const file = path.join(dir, (await waiting).suggestedFilename());
  await (await waiting).saveAs(file);
  return file;
}

test('the exported student loads back as a teacher and in plain tfjs, with the same predictions', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const config = { preset: 'cka', teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist', transferLimit: 640, batchSize: 64, epochs: 1, seed: 5, learningRate: 0.003 };
  await callWorkerOk(page, { kind: 'configure', config, cadence: { evaluateEvery: 1000 } });
  await callWorkerOk(page, { kind: 'startTraining' });
  await expect.poll(async () => (await callWorkerOk(page, { kind: 'trainingState' })).state, { timeout: 120_000, intervals: [500] }).toBe('complete');

  // Export through the page and save the three downloads into one folder.
  await page.getByRole('button', { name: 'Export student' }).click();
  await expect(page.locator('[data-field="export-summary"]')).toContainText('labels 0, 1, 2, 3, 4, 5, 6, 7, 8, 9; input 28 × 28');
  const dir = test.info().outputPath('exported-student');
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const name of ['model.json', 'weights.bin', 'metadata.json']) files.push(await download(page, name, dir));
  await page.screenshot({ path: test.info().outputPath('journey-export.png'), fullPage: true });

  // Reload the export as a teacher through the real file picker of the drop zone.
  await page.getByTestId('teacher-files').setInputFiles(files);
  const id = 'dropped:student-cka-mnist-0-4-mnist-5-9-step10';
  await expect(page.getByRole('list', { name: 'Dropped model files' }).getByRole('listitem').last()).toHaveText(`Loaded model.json as ${id}`, { timeout: 20_000 });
  await expect(page.locator(`li[data-teacher="${id}"] dd[data-field="labels"]`)).toHaveText('0, 1, 2, 3, 4, 5, 6, 7, 8, 9');

  // The student (in the worker's session) and the reloaded export on the same real test images.
  const test10k = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
  const pixels = test10k.pixels.slice(0, IMAGES * 784);
  const result = await callWorkerOk(page, { kind: 'predict', pixels, count: IMAGES, height: 28, width: 28, teacherIds: [id], top: 10 });
  const student = result.student!;
  const reloaded = result.teachers[0].predictions;
  const probsOf = (rows: Prediction[][]) => rows.map((row) => Object.fromEntries(row.map((p) => [p.label, p.probability])));
  const [s, r] = [probsOf(student), probsOf(reloaded)];
  for (let i = 0; i < IMAGES; i++) {
    expect(reloaded[i][0].label, `image ${i}`).toBe(student[i][0].label);
    for (const label of Object.keys(s[i])) expect(Math.abs(s[i][label] - r[i][label]), `image ${i} label ${label}`).toBeLessThan(1e-5);
  }

  // Plain tfjs in Node (cpu backend), from the downloaded folder, with the metadata's normalisation.
  await tf.setBackend('cpu');
  const metadata = JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as { labels: string[]; input: { mean: number; std: number } };
  const model = await tf.loadLayersModel(folderHandler(dir));
  const x = tf.tensor4d(Float32Array.from(pixels, (p) => (p / 255 - metadata.input.mean) / metadata.input.std), [IMAGES, 28, 28, 1]);
  const node = (await tf.softmax(model.predict(x) as tf.Tensor2D).array()) as number[][];
  let agree = 0;
  for (let i = 0; i < IMAGES; i++) {
    const best = metadata.labels[node[i].indexOf(Math.max(...node[i]))];
    expect(best, `image ${i}`).toBe(student[i][0].label);
    for (const [c, label] of metadata.labels.entries()) expect(Math.abs(node[i][c] - s[i][label]), `image ${i} label ${label}`).toBeLessThan(1e-4);
    if (best === String(test10k.labels[i])) agree++;
  }
  console.log(`export: ${IMAGES} images, reloaded teacher == student; plain tfjs (cpu) == student; student right on ${agree}/${IMAGES}`);

  // The same student for Teachable Machine, through the page's button; TM's documented load()
  // and predict() (reimplemented: the library cannot run beside tfjs 4.22) give the studio's top class.
  await page.getByRole('button', { name: 'Export for Teachable Machine' }).click();
  await expect(page.locator('[data-field="export-summary"]')).toContainText('input 224 × 224');
  const tmDir = test.info().outputPath('tm-student');
  mkdirSync(tmDir, { recursive: true });
  const tmFiles = [];
  for (const name of ['model.json', 'weights.bin', 'metadata.json']) {
    const file = await download(page, name, tmDir);
    tmFiles.push({ name, bytes: new Uint8Array(readFileSync(file)).buffer });
  }
  const tm = await tmLoad(tmFiles);
  expect(tm.labels).toEqual(metadata.labels);
  expect(tm.imageSize).toBe(224);
  const fifty = test10k.pixels.slice(0, 50 * 784);
  const studio50 = (await callWorkerOk(page, { kind: 'predict', pixels: fifty, count: 50, height: 28, width: 28, teacherIds: [], top: 1 })).student!;
  const x50 = tf.tensor4d(Float32Array.from(fifty, (p) => p / 255), [50, 28, 28, 1]);
  const top = (rows: number[][]) => rows.map((row) => tm.labels[row.indexOf(Math.max(...row))]);
  const [blocks, smooth] = [top(tmPredict(tm.model, x50, false)), top(tmPredict(tm.model, x50, true))];
  blocks.forEach((label, i) => expect(label, `image ${i}`).toBe(studio50[i][0].label));
  const tmAgree = smooth.filter((label, i) => label === studio50[i][0].label).length;
  console.log(`TM export: TM's predict() gives the studio's top class on 50/50 pixel-block and ${tmAgree}/50 smoothly drawn test images`);
  expect(tmAgree).toBeGreaterThanOrEqual(47);

  // Try it: an image dropped in the box, answered by the student and the picked teachers.
  const digit = encodeGrayPng(test10k.pixels.subarray(0, 784), 28, 28);
  await page.getByTestId('try-image').setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: digit });
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.locator('[data-field="student-prediction"]')).toHaveText(/^\d \(\d+\.\d %\), \d \(\d+\.\d %\), \d \(\d+\.\d %\)$/);
  await expect(page.locator('[data-field="teacher-prediction"][data-teacher="mnist-5-9"]')).toHaveText(/^7 \(\d+\.\d %\)/);
  await page.locator('.try-it').screenshot({ path: test.info().outputPath('try-it.png') });

  // Or drawn with the pointer: a vertical stroke, which the digit teachers read as a 1.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('[data-field="student-prediction"]')).toHaveCount(0);
  await drawStrokeAndPredict(page);
  await expect(page.locator('[data-field="teacher-prediction"][data-teacher="mnist-0-4"]')).toHaveText(/^1 \(\d+\.\d %\)/);
  await page.locator('.try-it').screenshot({ path: test.info().outputPath('try-it-drawn.png') });
  expect(errors).toEqual([]);
});
