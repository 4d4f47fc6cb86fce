import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { callWorkerOk, field, openStudio } from './studio';

/**
 * The colour set in the studio: pick the colour teacher pair, choose the emoji transfer set,
 * see its preview in colour, pick the resnet student, train one short epoch in the worker, and
 * get a result. 768 transfer images (the train split less the validation carve) in 12 steps of 64.
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
