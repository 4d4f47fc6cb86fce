import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { droppedImageSet, type DecodedImage } from '../src/core/data/droppedImages';
import { loadLabelledImages, type LabelledImages } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { summaryText } from '../src/ui/data/dataText';
import { summarizeImages } from '../src/worker/data/dataSummary';
import { encodeGrayPng } from '../src/node/pngEncode';
import { callWorkerOk, openStudio } from './studio';

/**
 * Journey 3: a folder of real MNIST PNGs (written here from the official IDX files) picked
 * as the transfer set and decoded in the worker, byte for byte as Node holds them; then a
 * labelled folder for evaluation, and a few training steps on the dropped images.
 */
const SIZE = 28 * 28;
const TRANSFER = 960;
const PER_CLASS = 12;

function image(set: LabelledImages, i: number): Uint8Array {
  return set.pixels.subarray(i * SIZE, (i + 1) * SIZE);
}

/** Writes the PNGs and returns what Node expects the worker to make of them. */
async function writeFolders(root: string) {
  const [train, test] = await Promise.all([loadLabelledImages('mnist', 'train', readDataFileFromDisk), loadLabelledImages('mnist', 'test', readDataFileFromDisk)]);
  const transfer: DecodedImage[] = [];
  mkdirSync(path.join(root, 'digits'));
  for (let i = 0; i < TRANSFER; i++) {
    const name = `digits/img-${String(i).padStart(5, '0')}.png`;
    writeFileSync(path.join(root, name), encodeGrayPng(image(train, i), 28, 28));
    transfer.push({ name, pixels: image(train, i), channels: 1, label: null });
  }
  writeFileSync(path.join(root, 'digits', 'notes.txt'), 'not an image: the worker must skip it');
  const labelled: DecodedImage[] = [];
  const taken = new Array<number>(10).fill(0);
  for (let i = 0; i < test.count && taken.some((t) => t < PER_CLASS); i++) {
    const label = String(test.labels[i]);
    if (taken[test.labels[i]]++ >= PER_CLASS) continue;
    const name = `labelled/${label}/t-${String(i).padStart(5, '0')}.png`;
    mkdirSync(path.join(root, 'labelled', label), { recursive: true });
    writeFileSync(path.join(root, name), encodeGrayPng(image(test, i), 28, 28));
    labelled.push({ name, pixels: image(test, i), channels: 1, label });
  }
  return {
    transfer: summarizeImages(droppedImageSet('digits', transfer, false)),
    labelled: summarizeImages(droppedImageSet('labelled', labelled, true)),
  };
}

test('a picked folder of PNG digits becomes the transfer set, and the student trains on it', async ({ page }) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), 'cka-png-'));
  const expected = await writeFolders(root);
  const { errors } = await openStudio(page, '?backend=wasm');

  await page.getByTestId('transfer-folder').setInputFiles(path.join(root, 'digits'));
  const facts = page.locator('[data-dropped-set="dropped:digits"]');
  // Same count, size and checksum as Node's pixels: decoded off the main thread without a byte changed.
  await expect(facts.locator('[data-field="transfer-summary"]')).toHaveText(`Transfer images: ${summaryText(expected.transfer)}`, { timeout: 30_000 });
  await expect(facts).toContainText('1 file skipped: digits/notes.txt (not a .png, .jpg or .jpeg file)');
  await expect(page.getByRole('radio', { name: /digits \(dropped\)/ })).toBeChecked();
  await expect(page.getByTestId('preview-grid').locator('canvas')).toHaveCount(24);
  await expect(page.getByText(`24 of ${TRANSFER} images of dropped:digits`)).toBeVisible();

  await facts.getByTestId('evaluation-folder').setInputFiles(path.join(root, 'labelled'));
  await expect(facts.locator('[data-field="evaluation-summary"]')).toHaveText(`Evaluated on: ${summaryText(expected.labelled)}`, { timeout: 30_000 });
  await page.getByRole('region', { name: 'Drop transfer images' }).screenshot({ path: test.info().outputPath('transfer-drop.png') });

  // Train on the dropped set from the page: the Method panel takes the Data panel's choice;
  // batch 32 and learning rate 0.003, one epoch of 30 steps, evaluated on the labelled folder.
  const method = page.getByRole('region', { name: 'Method' });
  await expect(method.locator('[data-field="method-data"]')).toHaveText('dropped:digits');
  await expect(method.locator('[data-field="method-teachers"]')).toHaveText('mnist-0-4, mnist-5-9');
  await method.getByLabel('Batch size').fill('32');
  await method.getByLabel('Learning rate').fill('0.003');
  await method.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.locator('[data-field="training-state"]')).toHaveText('complete', { timeout: 120_000 });
  const state = await callWorkerOk(page, { kind: 'trainingState' });
  expect(state.config).toMatchObject({ data: 'dropped:digits', teachers: ['mnist-0-4', 'mnist-5-9'], batchSize: 32, learningRate: 0.003 });
  expect(state.step).toBe(TRANSFER / 32);
  expect(Number.isFinite(state.lastLoss?.total)).toBe(true);
  // Accuracy on the 120 labelled PNGs; thirty steps already beat chance (10 %) by far.
  expect(state.latestAccuracy).toBeGreaterThan(0.3);
  await page.screenshot({ path: test.info().outputPath('journey-drop-images.png'), fullPage: true });
  console.log(`dropped-digits run: ${state.step} steps, loss ${state.lastLoss?.total.toFixed(3)}, accuracy on the labelled folder ${state.latestAccuracy}`);

  // A transfer set that is not images is refused with a message, and the chosen set stays.
  await page.getByTestId('transfer-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert')).toContainText('Could not use notes.txt: notes.txt holds no PNG or JPEG image that could be decoded: notes.txt (not a .png, .jpg or .jpeg file) [bad-images]');
  await expect(page.getByRole('radio', { name: /digits \(dropped\)/ })).toBeChecked();
  expect(errors).toEqual([]);
});
