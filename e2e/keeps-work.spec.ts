import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromArgs } from '../scripts/cli/configFlags';
import { decodeConfigHash } from '../src/ui/method/configCodec';
import { encodeGrayPng } from '../src/node/pngEncode';
import { callWorkerOk, field, openStudio } from './studio';
import { note } from './workerTraining';

/**
 * Issue 14, "Loses the user's work" (defects 1-4), through the page as a user meets them:
 * a refused Start, Stop, a reload mid-run, and the config a link or a file shares.
 * Runs are a handful of steps on wasm.
 */

const method = (page: Page) => page.getByRole('region', { name: 'Method' });
const control = (page: Page, name: string) => page.getByRole('group', { name: 'Training controls' }).getByRole('button', { name });
const lossPath = (page: Page) => page.locator('[data-chart="loss"] path.recharts-line-curve').first();
const accuracyPath = (page: Page) => page.locator('[data-chart="accuracy"] path.recharts-line-curve').first();
const trainingAlert = (page: Page) => page.getByRole('region', { name: 'Training', exact: true }).getByRole('alert');

/** Points in a recharts line: one per move/line command of its path. */
async function pathPoints(line: Locator): Promise<number> {
  const d = (await line.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

/** A folder of `count` 28 x 28 gray PNGs (noise: the teachers need not know them), returned by path. */
function imageFolder(name: string, count: number): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cka-keep-'));
  mkdirSync(path.join(root, name));
  for (let i = 0; i < count; i++) {
    const pixels = Uint8Array.from({ length: 28 * 28 }, (_, j) => (i * 31 + j * 7) % 256);
    writeFileSync(path.join(root, name, `img-${i}.png`), encodeGrayPng(pixels, 28, 28));
  }
  return path.join(root, name);
}

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await method(page).getByLabel(label, { exact: true }).fill(value);
}

test('defect 1: a refused Start keeps the finished run, its charts, its results and its student', async ({ page }) => {
  test.setTimeout(150_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await page.getByTestId('transfer-folder').setInputFiles(imageFolder('forty', 40));
  await expect(page.getByRole('radio', { name: /forty \(dropped\)/ })).toBeChecked({ timeout: 30_000 });
  await fill(page, { 'Batch size': '8' }); // 5 steps
  await control(page, 'Start training').click();
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 90_000 });
  const results = page.getByRole('region', { name: 'Results' });
  const joint = await results.locator('[data-field="results-joint"]').textContent();
  await expect(lossPath(page)).toHaveAttribute('d', /M/);
  const loss = await lossPath(page).getAttribute('d');

  await fill(page, { 'Batch size': '64' });
  await control(page, 'Start training').click();
  await expect(trainingAlert(page)).toContainText('larger than the 40 transfer images');
  await expect(field(page, 'training-state')).toHaveText('complete');
  await expect(lossPath(page)).toHaveAttribute('d', loss!);
  await expect(results.locator('[data-field="results-joint"]')).toHaveText(joint!);
  await page.getByRole('button', { name: 'Export student' }).click();
  await expect(page.locator('[data-field="export-summary"]')).toBeVisible({ timeout: 30_000 });
  // And the Method panel said so before Start was pressed.
  await expect(method(page).locator('[data-warning="batchSize"]')).toHaveText(/Batch size 64 is larger than the 40 transfer images of forty/);
  expect(errors).toEqual([]);
});

test('defect 2: Stop keeps the student for Export and Try it', async ({ page }) => {
  test.setTimeout(150_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await fill(page, { 'Transfer images': '640', 'Batch size': '16', Epochs: '1' });
  await control(page, 'Start training').click();
  await expect(field(page, 'training-progress')).toHaveText(/^step ([3-9]|\d\d+) of 40/, { timeout: 90_000 });
  await control(page, 'Stop').click();
  await expect(field(page, 'training-state')).toHaveText('stopped', { timeout: 30_000 });

  await page.getByRole('button', { name: 'Export student' }).click();
  await expect(page.locator('[data-field="export-summary"]')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(page.locator('[data-field="student-prediction"]')).toHaveText(/^\S+ \(\d/, { timeout: 30_000 }); // not "no student yet"
  await expect(page.locator('[data-field="training-message"]')).toContainText('its student stays for Export and Try it');
  expect(errors).toEqual([]);
});

/**
 * Defect 3 and the checkpoints by time: a reload at a random moment 16-24 s into a run is
 * offered a checkpoint at most 15 s of training old (plus the seconds a save takes), and the
 * resumed run shows its own config, cadence and loss/accuracy history, not the defaults.
 */
test('defect 3: a reload mid-run loses at most 15 s, and the resumed run brings back its settings and charts', async ({ page }) => {
  test.setTimeout(240_000);
  await openStudio(page, '?backend=wasm');
  await fill(page, { 'Transfer images': '1600', 'Batch size': '16', Epochs: '50', Seed: '5' });
  await page.getByLabel('Evaluate every').fill('10');
  await control(page, 'Start training').click();
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 90_000 });
  const started = Date.now();
  const reloadAfter = 16_000 + Math.floor(Math.random() * 8_000);
  const seen: { at: number; step: number }[] = [];
  while (Date.now() - started < reloadAfter) {
    seen.push({ at: Date.now(), step: (await callWorkerOk(page, { kind: 'trainingState' })).step });
    await page.waitForTimeout(250);
  }
  const reloadedAt = Date.now();
  const stepAtReload = seen.at(-1)!.step;
  // What a save begun 15 s before the reload had; 3 s more for the save itself on a loaded machine.
  const floor = Math.max(0, ...seen.filter((s) => s.at <= reloadedAt - 18_000).map((s) => s.step));
  await page.reload();
  await expect(page.getByRole('status')).toContainText('worker ready', { timeout: 45_000 });
  const offer = page.getByRole('button', { name: /^Resume training from step \d+$/ });
  await expect(offer).toBeVisible({ timeout: 15_000 });
  const offered = Number((await offer.textContent())!.match(/\d+$/)![0]);
  note(`reload ${reloadAfter} ms into the run at step ${stepAtReload}: offered step ${offered} (floor ${floor})`);
  expect(offered).toBeGreaterThanOrEqual(floor);
  expect(offered).toBeGreaterThan(0);

  await offer.click();
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 90_000 });
  await control(page, 'Pause').click();
  await expect(field(page, 'training-state')).toHaveText('paused', { timeout: 60_000 });
  const paused = await callWorkerOk(page, { kind: 'trainingState' });
  // The method panel and the cadence are the run's, not the defaults a reload brings.
  await expect(method(page).getByLabel('Batch size', { exact: true })).toHaveValue('16');
  await expect(method(page).getByLabel('Transfer images', { exact: true })).toHaveValue('1600');
  await expect(method(page).getByLabel('Epochs', { exact: true })).toHaveValue('50');
  await expect(method(page).getByLabel('Seed', { exact: true })).toHaveValue('5');
  await expect(page.getByLabel('Evaluate every')).toHaveValue('10');
  // The charts hold the history from before the reload: every evaluation, and a loss point a step.
  await expect.poll(() => pathPoints(accuracyPath(page)), { timeout: 10_000 }).toBe(paused.evaluations);
  expect(paused.evaluations).toBeGreaterThanOrEqual(Math.floor(offered / 10));
  expect(await pathPoints(lossPath(page))).toBeGreaterThanOrEqual(Math.min(offered, 400));
});

test('defect 4: the link and the config file carry the picked teachers and data, and the CLI reads the run record', async ({ page }) => {
  test.setTimeout(150_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const pick = (id: string) => page.locator(`li[data-teacher="${id}"]`).getByRole('checkbox', { name: /^Pick .* for the run$/ });
  for (const id of ['mnist-0-4', 'mnist-5-9']) await pick(id).uncheck();
  for (const id of ['fashion-0-4', 'fashion-5-9']) await pick(id).check();
  await page.getByRole('radio', { name: /^Fashion-MNIST/ }).check();
  await expect(method(page).locator('[data-field="method-data"]')).toHaveText('fashion-mnist');
  await fill(page, { 'Transfer images': '64', 'Batch size': '32', Seed: '3' });
  const picked = { teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist', transferLimit: 64, batchSize: 32, seed: 3 };

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await method(page).getByRole('button', { name: 'Copy link to config' }).click();
  await expect(page).toHaveURL(/#config=/);
  const linked = decodeConfigHash(new URL(page.url()).hash);
  expect(linked).toMatchObject({ ok: true, config: picked });

  const [file] = await Promise.all([page.waitForEvent('download'), method(page).getByRole('button', { name: 'Download config JSON' }).click()]);
  const json = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(configFromArgs(json, new Map())).toMatchObject(picked);

  await control(page, 'Start training').click();
  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 90_000 });
  const [record] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download run record (JSON)' }).click()]);
  const run = JSON.parse(readFileSync((await record.path())!, 'utf8'));
  expect(configFromArgs(run, new Map())).toEqual(run.config); // what `npm run amalgamate -- --config <record>` reruns
  expect(run.config).toMatchObject(picked);
  expect(errors).toEqual([]);
});
