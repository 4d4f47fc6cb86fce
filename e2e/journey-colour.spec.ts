import { expect, test, type Locator, type Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { droppedImageSet, type DecodedImage } from '../src/core/data/droppedImages';
import { loadLabelledImages, type LabelledImages } from '../src/core/data/labelledImages';
import { workingResolution } from '../src/core/data/workingResolution';
import type { TeacherMetadata } from '../src/core/teachers/teacherMetadata';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { encodeRgbPng } from '../src/node/pngEncode';
import { summaryText } from '../src/ui/data/dataText';
import { summarizeImages } from '../src/worker/data/dataSummary';
import { callWorkerOk, drawStrokeAndPredict, hoverSomePoint, openStudio } from './studio';

/**
 * The colour journey (issue 12): a folder of colour PNGs written here from the emoji
 * benchmark's train split is dropped as transfer data, decoded in the worker in colour and
 * byte for byte as Node holds it, and previewed in colour. Then the zoo's colour teacher pair
 * trains a student on it for 100 steps; the embedding hover shows colour images, and the
 * exported student takes RGB input at the working resolution in plain tfjs in Node.
 */

const SIDE = 32;
const PIXELS = SIDE * SIDE * 3;
/** The train split has 824 images; each is written as itself, mirrored, and shifted by two pixels: 2,472 files. */
const VARIANTS = ['', '-mirrored', '-shifted'] as const;
const STEPS = 100;
const BATCH = 24;

/** One variant of a 32 x 32 RGB image: as it is, mirrored left-right, or moved 2 px right and down (edges repeated). */
function variant(pixels: Uint8Array, kind: (typeof VARIANTS)[number]): Uint8Array {
  if (kind === '') return pixels;
  const out = new Uint8Array(PIXELS);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const [sx, sy] = kind === '-mirrored' ? [SIDE - 1 - x, y] : [Math.max(0, x - 2), Math.max(0, y - 2)];
      out.set(pixels.subarray(3 * (sy * SIDE + sx), 3 * (sy * SIDE + sx) + 3), 3 * (y * SIDE + x));
    }
  }
  return out;
}

/** Writes the colour PNGs under root/emoji and returns what the worker must make of them at 32 px. */
async function writeColourFolder(root: string): Promise<{ images: LabelledImages; count: number; first: Uint8Array }> {
  const train = await loadLabelledImages('emoji', 'train', readDataFileFromDisk);
  expect([train.height, train.width, train.channels]).toEqual([SIDE, SIDE, 3]);
  mkdirSync(path.join(root, 'emoji'));
  const decoded: DecodedImage[] = [];
  for (let i = 0; i < train.count; i++) {
    for (const kind of VARIANTS) {
      const pixels = variant(train.pixels.subarray(i * PIXELS, (i + 1) * PIXELS), kind);
      const name = `emoji/e-${String(i).padStart(4, '0')}${kind}.png`;
      writeFileSync(path.join(root, name), encodeRgbPng(pixels, SIDE, SIDE));
      decoded.push({ name, pixels, channels: 3, label: null });
    }
  }
  expect(decoded.length).toBeGreaterThanOrEqual(2000);
  return { images: droppedImageSet('emoji', decoded, false, { height: SIDE, width: SIDE }), count: decoded.length, first: train.pixels.slice(0, PIXELS) };
}

/** Pixels with colour (R != G or G != B) over every canvas the locator finds. */
async function colourPixels(canvases: Locator): Promise<number> {
  const counts = await canvases.evaluateAll((all) =>
    all.map((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let colour = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) colour++;
      return colour;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Keeps every text the data panel's notice shows from now on: the decode count moves fast. */
async function watchNotices(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __notices: string[] }).__notices = seen;
    new MutationObserver(() => {
      for (const p of document.querySelectorAll('p[aria-live="polite"]')) seen.push(p.textContent ?? '');
    }).observe(document.body, { childList: true, characterData: true, subtree: true });
  });
}

/**
 * Two teachers of the served build's zoo trained on the emoji set with no class in common.
 * Branch `colour` adds them (npm run teachers, then a build); without them this journey
 * cannot run, and says so.
 */
function colourTeacherPair(): TeacherMetadata[] {
  const root = path.resolve(process.env.E2E_DIST ?? 'dist', 'teachers');
  const ids = (JSON.parse(readFileSync(path.join(root, 'index.json'), 'utf8')) as { teachers: string[] }).teachers;
  const colour = ids
    .filter((id) => existsSync(path.join(root, id, 'metadata.json')))
    .map((id) => JSON.parse(readFileSync(path.join(root, id, 'metadata.json'), 'utf8')) as TeacherMetadata)
    .filter((m) => m.provenance?.dataSet === 'emoji' && m.input.channels === 3);
  for (const [i, a] of colour.entries()) {
    const b = colour.slice(i + 1).find((t) => t.labels.every((l) => !a.labels.includes(l)));
    if (b) return [a, b];
  }
  throw new Error(
    `no colour teacher pair in ${root}: the zoo lists ${colour.length} teacher(s) trained on emoji with RGB input (${colour.map((t) => t.id).join(', ') || 'none'}), ` +
      'and this journey needs two with disjoint classes (branch colour adds them to public/teachers with npm run teachers; then rebuild)',
  );
}

async function setWorkingResolution(page: Page, value: string): Promise<void> {
  const method = page.getByRole('region', { name: 'Method' });
  const details = method.locator('details.method-details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await method.getByLabel('Working resolution').selectOption(value);
}

async function download(page: Page, name: string, dir: string): Promise<void> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('list', { name: 'Exported files' }).getByRole('link', { name, exact: true }).click();
  await (await waiting).saveAs(path.join(dir, (await waiting).suggestedFilename()));
}

test('a folder of 2,472 colour emoji PNGs is decoded in colour, byte for byte, with a count, and previewed in colour; Try it takes colour too', async ({ page }) => {
  test.setTimeout(300_000);
  const root = mkdtempSync(path.join(tmpdir(), 'cka-colour-'));
  const { images, count, first } = await writeColourFolder(root);
  const { errors } = await openStudio(page, '?backend=wasm');
  // Set, not auto: the field itself is on trial here (auto would give 32 too, the default pair's largest input).
  await setWorkingResolution(page, '32');
  await watchNotices(page);

  await page.getByTestId('transfer-folder').setInputFiles(path.join(root, 'emoji'));
  const facts = page.locator('[data-dropped-set="dropped:emoji"]');
  await expect(facts.locator('[data-field="transfer-summary"]')).toHaveText(`Transfer images: ${summaryText(summarizeImages(images))}`, { timeout: 240_000 });
  expect(summaryText(summarizeImages(images))).toContain(`${count.toLocaleString('en-US')} images at 32 × 32 colour`);
  const notices = await page.evaluate(() => (window as unknown as { __notices: string[] }).__notices);
  expect(notices.some((t) => /^Decoding [\d,]+ of 2,472 images from emoji…$/.test(t)), notices.slice(0, 5).join(' | ')).toBe(true);

  const tiles = page.getByTestId('preview-grid').locator('canvas');
  await expect(tiles).toHaveCount(24);
  const colour = await colourPixels(tiles);
  expect(colour, 'preview pixels with R != G or G != B').toBeGreaterThan(24 * 50);
  const preview = await callWorkerOk(page, { kind: 'previewImages', data: 'dropped:emoji', count: 24 });
  expect([preview.height, preview.width, preview.channels]).toEqual([32, 32, 3]);
  await page.getByTestId('preview-grid').screenshot({ path: test.info().outputPath('colour-preview.png') });
  console.log(`colour drop: ${count} PNGs at 32 × 32 colour, checksum ${summarizeImages(images).checksum}; ${colour} coloured preview pixels`);

  // Try it in colour: a dropped emoji PNG, then a drawing in a red pen, reach the models in colour.
  await page.getByTestId('try-image').setInputFiles({ name: 'emoji.png', mimeType: 'image/png', buffer: encodeRgbPng(first, SIDE, SIDE) });
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  const given = page.getByTestId('try-input');
  await expect(page.locator('.try-it-input figcaption')).toHaveText('What the models were given (32 × 32 colour)', { timeout: 30_000 });
  expect(await colourPixels(given)).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Pen colour').fill('#ff0000');
  await drawStrokeAndPredict(page);
  await expect(page.locator('.try-it-input figcaption')).toHaveText('What the models were given (28 × 28 colour)', { timeout: 30_000 });
  expect(await colourPixels(given)).toBeGreaterThan(10);
  await expect(page.locator('[data-field="teacher-prediction"]')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('the colour teacher pair trains a student on the dropped colour folder; hover and export stay in colour', async ({ page }) => {
  test.setTimeout(600_000);
  const pair = colourTeacherPair();
  const side = workingResolution('auto', pair.map((t) => t.input), SIDE);
  const root = mkdtempSync(path.join(tmpdir(), 'cka-colour-'));
  const { count, first } = await writeColourFolder(root);
  const { errors } = await openStudio(page, '?backend=wasm');

  for (const box of await page.locator('li[data-teacher]').getByRole('checkbox', { name: /^Pick .* for the run$/ }).all()) await box.uncheck();
  for (const t of pair) await page.locator(`li[data-teacher="${t.id}"]`).getByRole('checkbox', { name: /^Pick .* for the run$/ }).check({ timeout: 30_000 });
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText(pair.map((t) => t.id).join(', '));

  // Working resolution auto: the teachers' input size, capped at 64 and at the images' own 32 px.
  await page.getByTestId('transfer-folder').setInputFiles(path.join(root, 'emoji'));
  const summary = page.locator('[data-dropped-set="dropped:emoji"] [data-field="transfer-summary"]');
  await expect(summary).toContainText(`${count.toLocaleString('en-US')} images at ${side} × ${side} colour`, { timeout: 240_000 });
  expect(await colourPixels(page.getByTestId('preview-grid').locator('canvas'))).toBeGreaterThan(0);

  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Transfer images').fill(String(STEPS * BATCH));
  await method.getByLabel('Batch size').fill(String(BATCH));
  await method.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.locator('[data-field="training-state"]')).toHaveText('complete', { timeout: 540_000 });
  const state = await callWorkerOk(page, { kind: 'trainingState' });
  expect(state.config).toMatchObject({ data: 'dropped:emoji', teachers: pair.map((t) => t.id), batchSize: BATCH, transferLimit: STEPS * BATCH, resolution: 'auto' });
  expect(state.step).toBe(STEPS);

  // The embedding plot's hover shows the probe image in colour.
  await hoverSomePoint(page);
  const hover = page.locator('[data-chart="embedding-student"] .plot-hover-image');
  await expect(hover).toBeVisible();
  expect(await colourPixels(hover), 'hover image pixels with colour').toBeGreaterThan(0);
  await page.mouse.move(0, 0);

  // The exported student, downloaded through the page, loads in plain tfjs in Node and takes RGB input at the working resolution.
  await page.getByRole('button', { name: 'Export student' }).click();
  await expect(page.locator('[data-field="export-summary"]')).toContainText(`input ${side} × ${side}`, { timeout: 30_000 });
  const dir = test.info().outputPath('exported-student');
  mkdirSync(dir, { recursive: true });
  for (const name of ['model.json', 'weights.bin', 'metadata.json']) await download(page, name, dir);
  const metadata = JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as TeacherMetadata;
  expect(metadata.input).toMatchObject({ height: side, width: side, channels: 3 });
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: tf.io.WeightsManifestConfig };
  const weightData = new Uint8Array(Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p)))))).buffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
  expect(model.inputs[0].shape).toEqual([null, side, side, 3]);
  const x = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(first, [1, SIDE, SIDE, 3], 'float32').div(255) as tf.Tensor4D, [side, side]).sub(metadata.input.mean).div(metadata.input.std));
  const out = model.predict(x) as tf.Tensor2D;
  expect(out.shape).toEqual([1, metadata.labels.length]);
  expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);
  console.log(`colour run: ${pair.map((t) => t.id).join(' + ')} at ${side} px, ${state.step} steps, accuracy ${state.latestAccuracy}; export takes [${model.inputs[0].shape.join(', ')}]`);
  expect(errors).toEqual([]);
});
