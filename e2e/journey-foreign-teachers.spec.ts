import { expect, test, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { encodeGrayPng } from '../src/node/pngEncode';
import { fileFrom } from './dropFiles';
import { callWorkerOk, openStudio } from './studio';

/**
 * Issue 13: a trained Teachable-Machine-shaped model (e2e/fixtures/tm-mnist: nested
 * Sequentials, softmax inside the head, [-1, 1] input) dropped with and without its
 * metadata.json, and Try it on a dropped PNG, checked against plain tfjs in Node.
 */
const tmMnist = path.resolve('e2e/fixtures/tm-mnist');
const drops = (page: Page) => page.getByRole('list', { name: 'Dropped model files' }).getByRole('listitem');
const expectDrop = (page: Page, index: number, text: string | RegExp) =>
  expect(drops(page).nth(index).locator('[data-field="drop-outcome"]')).toHaveText(text, { timeout: 30_000 });
const card = (page: Page, id: string) => page.locator(`li[data-teacher="${id}"]`);

/** The model as plain tfjs builds it, and TM's own preprocessing: 32 x 32, gray to RGB, x / 127.5 - 1. */
async function referenceProbabilities(pixels: Uint8Array): Promise<number[]> {
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(path.join(tmMnist, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const weights = new Uint8Array(readFileSync(path.join(tmMnist, 'weights.bin'))).buffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights }));
  const x = tf.tensor4d(Float32Array.from(pixels, (p) => p / 255), [1, 28, 28, 1]);
  return (model.predict(tf.image.resizeBilinear(x, [32, 32]).tile([1, 1, 1, 3]).mul(2).sub(1)) as tf.Tensor2D).arraySync()[0];
}

test('a TM export is read right, its bare twin is scaled right, and Try it sees what training sees', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const picker = page.getByTestId('teacher-files');

  // 1. With its metadata: named after it, softmax found inside the nested head, Dense feature layer.
  await picker.setInputFiles([fileFrom(tmMnist, 'model.json'), fileFrom(tmMnist, 'weights.bin'), fileFrom(tmMnist, 'metadata.json')]);
  await expectDrop(page, 0, 'Loaded model.json as dropped:tm-mnist');
  const tm = card(page, 'dropped:tm-mnist');
  await expect(tm.getByRole('heading')).toHaveText('tm-mnist');
  await expect(tm.locator('dd[data-field="outputs"]')).toHaveText(/^probabilities \(softmax\)/);
  await expect(tm.locator('dd[data-field="feature-layer"]')).toHaveText('dense_Dense1 (32 values)');
  await expect(tm.locator('dd[data-field="scaling"]')).toHaveText('[−1, 1] (from its metadata)');
  // Its accuracy on the card: measured in the worker on MNIST's test set, whose classes its labels name.
  await tm.getByRole('button', { name: 'Evaluate' }).click();
  const measured = tm.locator('[data-field="evaluated-accuracy"]');
  await expect(measured).toHaveText(/^Measured: \d+\.\d\d % on 10,000 test images of mnist \(wasm, /, { timeout: 60_000 });
  const accuracyOf = async (locator: typeof measured) => Number((await locator.textContent())!.match(/(\d+\.\d\d) %/)![1]);
  const twin = await accuracyOf(measured);
  expect(twin).toBeGreaterThan(90);

  // 2. Without it: a question for the labels, then the check proposes [-1, 1]; the user may overrule it.
  await picker.setInputFiles([fileFrom(tmMnist, 'model.json'), fileFrom(tmMnist, 'weights.bin')]);
  await expectDrop(page, 1, /^What are its 10 classes\?/);
  await expect(drops(page).nth(1).getByRole('alert')).toHaveCount(0);
  const labels = drops(page).nth(1).getByLabel('10 labels for model.json, in output order (comma-separated)');
  await labels.fill('0, 1, 2, 3, 4, 5, 6, 7, 8, 9');
  await labels.press('Enter');
  await expectDrop(page, 1, 'Loaded model.json as dropped:model');
  const bare = card(page, 'dropped:model');
  await expect(bare.locator('dd[data-field="scaling"]')).toHaveText('[−1, 1] (proposed by the check on 256 transfer images)');
  await expect(bare.getByLabel('Input scaling')).toHaveValue('symmetric');
  await bare.getByRole('button', { name: 'Evaluate' }).click();
  await expect(bare.locator('[data-field="evaluated-accuracy"]')).toHaveText(/^Measured: /, { timeout: 60_000 });
  const found = await accuracyOf(bare.locator('[data-field="evaluated-accuracy"]'));
  console.log(`evaluate: tm-mnist ${twin} % with metadata, ${found} % without (scaling found by the check)`);
  expect(Math.abs(found - twin)).toBeLessThan(0.2);
  await bare.getByLabel('Input scaling').selectOption('unit');
  await bare.getByRole('button', { name: 'Use this scaling' }).click();
  await expectDrop(page, 2, 'Loaded model.json as dropped:model-2');
  const unit = card(page, 'dropped:model-2');
  await expect(unit.locator('dd[data-field="scaling"]')).toHaveText('[0, 1] (chosen; the check proposed [−1, 1])');
  await unit.getByRole('button', { name: 'Evaluate' }).click();
  await expect(unit.locator('[data-field="evaluated-accuracy"]')).toHaveText(/^Measured: /, { timeout: 60_000 });
  expect(await accuracyOf(unit.locator('[data-field="evaluated-accuracy"]'))).toBeLessThan(twin - 10);
  // The tm-mnist card still shows its figure.
  await expect(measured).toHaveText(/^Measured: /);
  await page.locator('.teacher-cards').last().screenshot({ path: test.info().outputPath('foreign-cards.png') });

  // 3. Try it with the TM teacher picked, on a dropped 28 x 28 PNG (an MNIST test 7).
  await tm.getByRole('checkbox').check();
  const test10k = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
  const digit = test10k.pixels.slice(0, 784);
  const png = encodeGrayPng(digit, 28, 28);
  await page.getByTestId('try-image').setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const shown = page.locator('[data-field="teacher-prediction"][data-teacher="dropped:tm-mnist"]');
  await expect(shown).toHaveText(/^7 \(/, { timeout: 20_000 });
  const given = await page.getByTestId('try-input').evaluate((c: HTMLCanvasElement) =>
    Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 4 === 0)),
  );

  // The same file as a transfer image, through the data panel: the training pipeline's bytes.
  const root = mkdtempSync(path.join(tmpdir(), 'cka-try-'));
  mkdirSync(path.join(root, 'one-seven'));
  writeFileSync(path.join(root, 'one-seven', 'seven.png'), png);
  await page.getByTestId('transfer-folder').setInputFiles(path.join(root, 'one-seven'));
  await expect(page.locator('[data-dropped-set="dropped:one-seven"] [data-field="transfer-summary"]')).toContainText('1 images at 28 × 28', { timeout: 30_000 });
  const training = await callWorkerOk(page, { kind: 'previewImages', data: 'dropped:one-seven', count: 1 });
  expect(given).toEqual(Array.from(training.pixels));
  expect(given).toEqual(Array.from(digit));

  // Its probabilities are the model's own softmax for that tensor (1e-4), not softmaxed again.
  const reference = await referenceProbabilities(Uint8Array.from(given));
  const worker = await callWorkerOk(page, { kind: 'predict', pixels: Uint8Array.from(given), count: 1, height: 28, width: 28, teacherIds: ['dropped:tm-mnist'], top: 10 });
  for (const { label, probability } of worker.teachers[0].predictions[0]) expect(Math.abs(probability - reference[Number(label)])).toBeLessThan(1e-4);
  // Evaluate on a dropped labelled folder (sub-folders 2 and 7, as named like its labels): its images of those classes.
  const labelledRoot = path.join(root, 'labelled');
  const counts = new Map<number, number>();
  for (let i = 0; i < test10k.count && (counts.get(2) ?? 0) + (counts.get(7) ?? 0) < 40; i++) {
    const label = test10k.labels[i];
    if ((label !== 2 && label !== 7) || (counts.get(label) ?? 0) >= 20) continue;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    mkdirSync(path.join(labelledRoot, String(label)), { recursive: true });
    writeFileSync(path.join(labelledRoot, String(label), `t-${i}.png`), encodeGrayPng(test10k.pixels.subarray(i * 784, (i + 1) * 784), 28, 28));
  }
  await page.locator('[data-dropped-set="dropped:one-seven"]').getByTestId('evaluation-folder').setInputFiles(labelledRoot);
  await expect(page.locator('[data-dropped-set="dropped:one-seven"] [data-field="evaluation-summary"]')).toContainText('40 images', { timeout: 30_000 });
  await tm.getByLabel('Evaluate on').selectOption('dropped:one-seven');
  await tm.getByRole('button', { name: 'Evaluate' }).click();
  await expect(measured).toHaveText(/^Measured: \d+\.\d\d % on 40 images of the labelled folder of dropped:one-seven \(wasm, /, { timeout: 30_000 });

  const [top] = (await shown.textContent())!.match(/\d+\.\d/)!;
  expect(Math.abs(Number(top) - Math.max(...reference) * 100)).toBeLessThan(0.06);
  console.log(`try it: tm-mnist says 7 at ${top} % (reference ${(Math.max(...reference) * 100).toFixed(3)} %); 784/784 pixels as the training pipeline decodes them`);
  await page.locator('.try-it').screenshot({ path: test.info().outputPath('try-it-foreign.png') });
  expect(errors).toEqual([]);
});
