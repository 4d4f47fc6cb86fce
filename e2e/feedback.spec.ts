import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultConfig } from '../src/core/method/config';
import { encodeConfigHash } from '../src/ui/method/configCodec';
import { dropOn } from './dropFiles';
import { encodeGrayPng } from '../src/node/pngEncode';
import { callWorkerOk, field, fieldText, openStudio } from './studio';

/**
 * Issue 14, "Wrong or missing feedback" (defects 5-9) and the Tour's first step (10): what the
 * page says, and when it lets the user press Start. Runs are a few steps on wasm.
 */

const method = (page: Page) => page.getByRole('region', { name: 'Method' });
const control = (page: Page, name: string) => page.getByRole('group', { name: 'Training controls' }).getByRole('button', { name });
const trainingAlert = (page: Page) => page.getByRole('region', { name: 'Training', exact: true }).locator('p[role="alert"]');
const studentCanvas = (page: Page) => page.locator('[data-chart="embedding-student"] canvas');

function png(i: number): Buffer {
  return encodeGrayPng(Uint8Array.from({ length: 28 * 28 }, (_, j) => (i * 13 + j) % 256), 28, 28);
}

function imageFolder(name: string, count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cka-feedback-'));
  mkdirSync(path.join(root, name));
  for (let i = 0; i < count; i++) writeFileSync(path.join(root, name, `img-${i}.png`), png(i));
  return path.join(root, name);
}

test('defect 5: Start waits while dropped images decode, and the page counts them', async ({ page }) => {
  test.setTimeout(120_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await expect(control(page, 'Start training')).toBeEnabled();
  await page.getByTestId('transfer-folder').setInputFiles(imageFolder('many', 3000));
  // Not the previous data set: Start is off until the new one is in, and the page says why.
  await expect(control(page, 'Start training')).toBeDisabled();
  await expect(page.locator('[data-field="start-hint"]')).toContainText('Start waits for the dropped images');
  await expect(page.getByRole('region', { name: 'Data' })).toContainText(/Decoding [\d,]+ of 3,000 images from many…/, { timeout: 60_000 });
  await expect(page.getByRole('radio', { name: /many \(dropped\)/ })).toBeChecked({ timeout: 60_000 });
  await expect(control(page, 'Start training')).toBeEnabled();
  await expect(method(page).locator('[data-field="method-data"]')).toHaveText('dropped:many');
  expect(errors).toEqual([]);
});

test('defect 6: a field that holds no valid value stops Start, and the refusal quotes what was typed', async ({ page }) => {
  test.setTimeout(90_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const rate = method(page).getByLabel('Learning rate', { exact: true });
  await rate.fill('-5');
  await rate.fill('');
  await rate.pressSequentially('e'); // a number input takes 'e' (an exponent) and then holds no number
  await expect(method(page).locator('[data-config-field="learningRate"] [role="alert"]')).toContainText('enter a number');
  await control(page, 'Start training').click();
  await expect(trainingAlert(page)).toContainText('Check the settings: Learning rate enter a number');
  await expect(trainingAlert(page)).not.toContainText('-5'); // not the value typed before
  await expect(field(page, 'training-state')).toHaveText('idle');
  await rate.fill('0.001');

  for (const [label, bad] of [['Evaluate every', '0'], ['Evaluate every', '-3'], ['Probe images per class', '5000'], ['Probe images per class', '0']]) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(bad);
    await expect(page.getByRole('region', { name: 'Training', exact: true }).locator('span[role="alert"]').filter({ hasText: `${label} must be whole number` })).toBeVisible();
    await control(page, 'Start training').click();
    await expect(trainingAlert(page)).toContainText(`Check the settings: ${label} must be whole number 1 to`);
    await expect(trainingAlert(page)).toContainText(`(typed "${bad}")`);
    await input.fill('50'); // both defaults
  }
  await expect(field(page, 'training-state')).toHaveText('idle');
  expect(errors).toEqual([]);
});

test('defect 7: accuracy tagged with its own step, the SGD warning says SGD, old alerts go, a drop is not named after a skipped file', async ({ page }) => {
  test.setTimeout(150_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  // Loose files: the first is not an image the worker can decode.
  await dropOn(page, 'Drop transfer images', [
    { name: 'corrupt.png', mimeType: 'image/png', buffer: Buffer.from('not a png') },
    ...[1, 2, 3].map((i) => ({ name: `ok${i}.png`, mimeType: 'image/png', buffer: png(i) })),
  ]);
  await expect(page.getByRole('radio', { name: /4 loose files \(dropped\)/ })).toBeChecked({ timeout: 30_000 });
  await expect(page.getByRole('radio', { name: /corrupt\.png/ })).toHaveCount(0);
  await page.getByRole('radio', { name: /^MNIST/ }).first().check();

  // The learning-rate warning names the optimiser chosen.
  await method(page).getByText('All hyper-parameters').click();
  await method(page).getByLabel('Optimiser', { exact: true }).selectOption('sgd');
  const rate = method(page).getByLabel('Learning rate', { exact: true });
  await rate.fill('0.1');
  await expect(method(page).locator('[data-warning="learningRate"]')).toHaveCount(0);
  await rate.fill('0.8');
  await expect(method(page).locator('[data-warning="learningRate"]')).toContainText('high for SGD');
  await expect(method(page).locator('[data-warning="learningRate"]')).not.toContainText('Adam');
  await method(page).getByLabel('Optimiser', { exact: true }).selectOption('adam');
  await rate.fill('0.001');

  await method(page).getByLabel('Transfer images', { exact: true }).fill('3200');
  await method(page).getByLabel('Batch size', { exact: true }).fill('16');
  await method(page).getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByLabel('Evaluate every').fill('5');
  await control(page, 'Start training').click();
  await expect(field(page, 'training-progress')).toHaveText(/^step (1[2-9]|[2-9]\d) of 200/, { timeout: 90_000 });
  // An alert of this run: exporting while it trains.
  await page.getByRole('button', { name: 'Export student' }).click();
  const exportAlert = page.locator('.export-student [role="alert"]');
  // The worker answers between steps; an evaluation every 5 steps can hold it a few seconds on a loaded machine.
  await expect(exportAlert).toContainText('pause the run or let it finish', { timeout: 30_000 });

  await control(page, 'Pause').click();
  await expect(field(page, 'training-state')).toHaveText('paused', { timeout: 60_000 });
  if ((await callWorkerOk(page, { kind: 'trainingState' })).step % 5 === 0) {
    await control(page, 'Step once').click();
    await expect(field(page, 'training-state')).toHaveText('paused');
  }
  const { step, latestAccuracyStep } = await callWorkerOk(page, { kind: 'trainingState' });
  expect(step % 5).not.toBe(0);
  expect(latestAccuracyStep).toBe(step - (step % 5));
  await expect(field(page, 'training-accuracy')).toHaveText(new RegExp(` % \\(step ${step - (step % 5)}\\)$`));

  // A new run: the last run's alerts are gone.
  await control(page, 'Stop').click();
  await expect(field(page, 'training-state')).toHaveText('stopped', { timeout: 30_000 });
  await page.getByLabel('Evaluate every').fill('50');
  await control(page, 'Start training').click();
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 60_000 });
  await expect(exportAlert).toHaveCount(0);
  await control(page, 'Stop').click();
  await expect(field(page, 'training-state')).toHaveText('stopped', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('defect 8: an unknown backend keeps Start off with a reason; a link naming an unknown teacher is flagged at once', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?backend=bogus');
  await expect(page.getByRole('alert').filter({ hasText: "unknown backend 'bogus'" })).toBeVisible({ timeout: 30_000 });
  await expect(control(page, 'Start training')).toBeDisabled();
  await expect(page.locator('[data-field="start-hint"]')).toHaveText('Start waits for the training worker to be ready.');

  const link = encodeConfigHash({ ...defaultConfig, teachers: ['mnist-0-4', 'no-such-teacher'] });
  const { errors } = await openStudio(page, `?backend=wasm${link}`);
  const unknown = method(page).locator('[data-field="unknown-teachers"]');
  await expect(unknown).toContainText('The run names teachers this studio does not have: no-such-teacher.');
  await unknown.getByRole('button', { name: 'leave them out' }).click();
  await expect(unknown).toHaveCount(0);
  await expect(method(page).locator('[data-field="method-teachers"]')).toHaveText('mnist-0-4');
  expect(errors).toEqual([]);
});

test('defect 9: with UMAP chosen, embedding frames appear while a short run trains', async ({ page }) => {
  test.setTimeout(150_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await method(page).getByLabel('Transfer images', { exact: true }).fill('1600');
  await method(page).getByLabel('Batch size', { exact: true }).fill('32');
  await method(page).getByLabel('Epochs', { exact: true }).fill('1'); // 50 steps
  await page.getByLabel('Evaluate every').fill('10');
  await page.getByLabel('Embedding layout').selectOption('umap');
  await control(page, 'Start training').click();
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 60_000 });
  await expect(studentCanvas(page)).toHaveAttribute('data-step', /^\d+$/, { timeout: 90_000 });
  const [frameStep, state, progress] = [await studentCanvas(page).getAttribute('data-step'), await fieldText(page, 'training-state'), await fieldText(page, 'training-progress')];
  console.log(`first UMAP frame (step ${frameStep}) on screen while ${state}: ${progress}`);
  expect(state, 'the first frame came only after the run').toBe('running');
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 90_000 });
  expect(errors).toEqual([]);
});

test('defect 10: the Tour\'s first step does not untick the teachers a fresh studio has picked', async ({ page }) => {
  const readme = readFileSync('README.md', 'utf8');
  const tour = readme.slice(readme.indexOf('## Tour'));
  const first = tour.split('\n').find((line) => /^1\. /.test(line))!;
  expect(first).toContain('Teachers');
  await openStudio(page, '?backend=wasm');
  const picked = ['mnist-0-4', 'mnist-5-9'];
  for (const id of picked) {
    await expect(page.locator(`li[data-teacher="${id}"]`).getByRole('checkbox', { name: /^Pick .* for the run$/ })).toBeChecked();
  }
  // Following the step must keep them picked: it may not tell the user to tick (click) them.
  expect(first).not.toMatch(/tick \*Pick for the run\* on two cards, e\.g\. MNIST digits 0–4 and 5–9/);
  expect(first).toMatch(/already picked/);
  await expect(method(page).locator('[data-field="method-teachers"]')).toHaveText(picked.join(', '));
});
