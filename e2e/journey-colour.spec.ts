import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { droppedImageSet, type DecodedImage } from '../src/core/data/droppedImages';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { encodePng } from '../src/node/pngEncode';
import { summaryText } from '../src/ui/data/dataText';
import { summarizeImages } from '../src/worker/data/dataSummary';
import { callWorkerOk, field, openStudio } from './studio';

/**
 * The colour set in the studio: pick the colour teacher pair, choose the emoji transfer set,
 * see its preview in colour, pick the resnet student, train one short epoch in the worker, and
 * get a result. 768 transfer images (the train split less the validation carve) in 12 steps of 64.
 * Then the same teachers with a dropped folder of 2,236 colour PNGs (every emoji image of both
 * splits, and each mirrored, written here): decoded in the worker at 32 x 32 colour, byte for
 * byte as Node holds them, and trained on.
 */
const TEACHERS = ['emoji-0-4', 'emoji-5-9'];
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';
const pickBox = (page: Page, id: string) => page.locator(`li[data-teacher="${id}"]`).getByRole('checkbox', { name: /^Pick .* for the run$/ });

/** How many pixels of the preview's first tiles are clearly coloured (channels differ by more than 40). */
async function colouredPixels(page: Page): Promise<{ tiles: number; coloured: number; size: number }> {
  return page.getByTestId('preview-grid').evaluate((grid) => {
    const tiles = [...grid.querySelectorAll('canvas')] as HTMLCanvasElement[];
    let coloured = 0;
    for (const tile of tiles.slice(0, 8)) {
      const { data } = tile.getContext('2d')!.getImageData(0, 0, tile.width, tile.height);
      for (let i = 0; i < data.length; i += 4) if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 40) coloured++;
    }
    return { tiles: tiles.length, coloured, size: tiles[0]?.width ?? 0 };
  });
}

test('colour: the emoji pair on the emoji set, previewed in colour, trains a resnet student in the worker', async ({ page }) => {
  test.setTimeout(240_000);
  const { errors } = await openStudio(page, '?backend=wasm');

  for (const box of await page.locator('li[data-teacher]').getByRole('checkbox', { name: /^Pick .* for the run$/ }).all()) await box.uncheck();
  for (const id of TEACHERS) await pickBox(page, id).check();
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText(TEACHERS.join(', '));

  await page.getByRole('radio', { name: /^Emoji \(colour/ }).check();
  await expect(page.getByTestId('preview-grid').locator('canvas').first()).toBeVisible({ timeout: 30_000 });
  const preview = await colouredPixels(page);
  expect(preview.size).toBe(32);
  expect(preview.coloured, JSON.stringify(preview)).toBeGreaterThan(100);
  await page.getByTestId('preview-grid').screenshot({ path: path.join(ARTIFACTS, 'screenshots', 'colour-preview.png') });

  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Preset').selectOption('kd');
  await method.getByText('All hyper-parameters').click();
  await method.getByLabel('Student architecture').selectOption('resnet');
  await method.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(field(page, 'training-state')).toHaveText(/running|complete/, { timeout: 60_000 });
  const state = await callWorkerOk(page, { kind: 'trainingState' });
  expect(state.config).toMatchObject({ teachers: TEACHERS, data: 'emoji', studentArch: 'resnet', preset: 'kd' });

  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 180_000 });
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.locator('[data-teacher-result]')).toHaveCount(2);
  await expect(page.locator('table.confusion tbody tr')).toHaveCount(10);
  expect(errors).toEqual([]);
});

/** Every emoji image and its mirror as 32 x 32 RGB PNGs; returns what Node expects the worker to hold. */
async function writeColourFolder(root: string) {
  const sets = await Promise.all([loadLabelledImages('emoji', 'train', readDataFileFromDisk), loadLabelledImages('emoji', 'test', readDataFileFromDisk)]);
  const size = 32 * 32 * 3;
  const images: DecodedImage[] = [];
  mkdirSync(path.join(root, 'emoji-photos'));
  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const pixels = set.pixels.slice(i * size, (i + 1) * size);
      const mirrored = new Uint8Array(size);
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) mirrored.set(pixels.subarray((y * 32 + x) * 3, (y * 32 + x) * 3 + 3), (y * 32 + 31 - x) * 3);
      for (const image of [pixels, mirrored]) {
        const name = `emoji-photos/img-${String(images.length).padStart(5, '0')}.png`;
        writeFileSync(path.join(root, name), encodePng(image, 32, 32, 3));
        images.push({ name, pixels: image, label: null });
      }
    }
  }
  return summarizeImages(droppedImageSet('emoji-photos', images, false, { height: 32, width: 32, channels: 3 }));
}

test('colour drop: 2,236 colour PNGs are decoded at the colour teachers\' working shape, byte for byte, and trained on', async ({ page }) => {
  test.setTimeout(240_000);
  const root = mkdtempSync(path.join(tmpdir(), 'cka-colour-'));
  const expected = await writeColourFolder(root);
  expect(expected.count).toBeGreaterThanOrEqual(2000);
  const { errors } = await openStudio(page, '?backend=wasm');
  for (const box of await page.locator('li[data-teacher]').getByRole('checkbox', { name: /^Pick .* for the run$/ }).all()) await box.uncheck();
  for (const id of TEACHERS) await pickBox(page, id).check();
  await expect(page.getByRole('region', { name: 'Drop transfer images' })).toContainText('32 × 32 colour');

  await page.getByTestId('transfer-folder').setInputFiles(path.join(root, 'emoji-photos'));
  const facts = page.locator('[data-dropped-set="dropped:emoji-photos"]');
  await expect(facts.locator('[data-field="transfer-summary"]')).toHaveText(`Transfer images: ${summaryText(expected)}`, { timeout: 60_000 });
  expect(expected.channels).toBe(3);
  await expect(page.getByRole('radio', { name: /emoji-photos \(dropped\)/ })).toBeChecked();
  const preview = await colouredPixels(page);
  expect(preview.coloured, JSON.stringify(preview)).toBeGreaterThan(100);

  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Preset').selectOption('kd');
  await method.getByLabel('Transfer images').fill('640');
  await method.getByLabel('Epochs').fill('1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 180_000 });
  const state = await callWorkerOk(page, { kind: 'trainingState' });
  expect(state.config).toMatchObject({ teachers: TEACHERS, data: 'dropped:emoji-photos', transferLimit: 640 });
  expect(errors).toEqual([]);
});
