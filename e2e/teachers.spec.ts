import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dataSets, type DataSetId, type Split } from '../src/core/data/dataSets';
import { defaultConfig } from '../src/core/method/config';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import type { TeacherMetadata } from '../src/core/teachers/teacherMetadata';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { summarizeImages } from '../src/worker/data/dataSummary';
import { teacherZoo } from '../scripts/teacherZoo';
import { callWorker, callWorkerOk, openStudio } from './studio';

/**
 * The teachers and the data, in the real browser: the page lists the served zoo, and the
 * worker loads and evaluates it through the same core code the Node scripts use, which
 * must give the same bytes and the accuracies the Node side recorded in metadata.json.
 */

/** What `vite preview` serves: the build's copy of public/. */
const SERVED_INDEX = new URL(`../${process.env.E2E_DIST ?? 'dist'}/teachers/index.json`, import.meta.url);

function servedIds(): string[] {
  if (!existsSync(SERVED_INDEX)) return [];
  return (JSON.parse(readFileSync(SERVED_INDEX, 'utf8')) as { teachers: string[] }).teachers;
}

/** Every teacher the zoo declares must be shipped: a missing one fails, it is not skipped. */
const REQUIRED = teacherZoo.map((t) => t.id);
const EVALUATED = [...new Set([...REQUIRED, ...servedIds()])];

/** Largest gap allowed between the browser's accuracy and the recorded one, in points. */
const TOLERANCE_POINTS = 0.3;
/** 0.3 points, or one image where the test subset is so small (the emoji teachers: about 200) that one image is more. */
const tolerancePoints = (samples: number) => Math.max(TOLERANCE_POINTS, 100 / samples + 1e-9);

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  const type = response.headers()['content-type'] ?? '';
  // vite preview answers a missing file with index.html and a 200.
  expect(response.ok() && !type.startsWith('text/html'), `${path} is not served: run npm run teachers, then npx vite build`).toBe(true);
  return (await response.json()) as T;
}

async function servedZoo(request: APIRequestContext): Promise<TeacherMetadata[]> {
  const { teachers } = await getJson<{ teachers: string[] }>(request, '/teachers/index.json');
  return Promise.all(teachers.map((id) => getJson<TeacherMetadata>(request, `/teachers/${id}/metadata.json`)));
}

function note(description: string): void {
  test.info().annotations.push({ type: 'timing', description });
  console.log(description);
}

function card(page: Page, title: string) {
  return page.getByRole('list', { name: 'Shipped teachers' }).getByRole('listitem').filter({
    has: page.getByRole('heading', { level: 3, name: title, exact: true }),
  });
}

const points = (accuracy: number) => `${(accuracy * 100).toFixed(2)} %`;
const thousands = (n: number) => n.toLocaleString('en-US');

test('the page lists every teacher in index.json as a card', async ({ page, request }) => {
  const zoo = await servedZoo(request);
  expect(zoo.map((m) => m.id).sort(), 'the served zoo is not the declared one (scripts/teacherZoo.ts)').toEqual([...REQUIRED].sort());
  const { errors } = await openStudio(page);

  const cards = page.getByRole('list', { name: 'Shipped teachers' }).getByRole('listitem');
  await expect(cards).toHaveCount(zoo.length);
  // The list puts the picked teachers (the default config's) first, the rest in index order.
  const picked = new Set(defaultConfig.teachers);
  const listed = [...zoo.filter((m) => picked.has(m.id)), ...zoo.filter((m) => !picked.has(m.id))];
  await expect(page.getByRole('list', { name: 'Shipped teachers' }).getByRole('heading', { level: 3 })).toHaveText(listed.map((m) => m.title));
  for (const metadata of zoo) {
    const item = card(page, metadata.title);
    const provenance = metadata.provenance!;
    await expect(item.locator('dd[data-field="labels"]')).toHaveText(metadata.labels.join(', '));
    await expect(item.locator('dd[data-field="architecture"]')).toHaveText(provenance.architecture);
    await expect(item.locator('dd[data-field="input"]')).toHaveText(
      `${metadata.input.height} × ${metadata.input.width} × ${metadata.input.channels}`,
    );
    await expect(item.locator('dd[data-field="test-accuracy"]')).toHaveText(
      `${points(provenance.testAccuracy)} on ${thousands(provenance.testSamples)} test images`,
    );
  }
  expect(errors).toEqual([]);
});

test('the worker loads every shipped teacher (Load buttons on the cards)', async ({ page, request }) => {
  const zoo = await servedZoo(request);
  const { errors } = await openStudio(page, '?backend=wasm');

  for (const metadata of zoo) await card(page, metadata.title).getByRole('button', { name: 'Load in worker' }).click();
  for (const metadata of zoo) {
    // Counted by tfjs on the model the worker built, not read from metadata.json.
    const line = card(page, metadata.title).locator('[data-field="teacher-worker"]');
    await expect(line).toHaveText(
      new RegExp(`^In the worker: ${thousands(metadata.provenance!.parameters)} parameters \\(loaded in \\d+ ms\\)$`),
      { timeout: 30_000 },
    );
    note(`load ${metadata.id}: ${await line.textContent()}`);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the worker reads every data set byte for byte as the Node reader does', async ({ page }) => {
  test.setTimeout(120_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  for (const dataSet of Object.keys(dataSets) as DataSetId[]) {
    for (const split of ['test', 'train'] as Split[]) {
      const { ms, ...browser } = await callWorkerOk(page, { kind: 'loadData', dataSet, split });
      const node = summarizeImages(await loadLabelledImages(dataSet, split, readDataFileFromDisk));
      expect(browser).toEqual({ dataSet, split, ...node });
      note(`loadData ${dataSet}/${split}: ${browser.count} images, checksum ${browser.checksum}, ${Math.round(ms)} ms in the worker`);
    }
  }
  expect(errors).toEqual([]);
});

for (const id of EVALUATED) {
  test(`${id}: evaluated in the worker on wasm, it reproduces its recorded test accuracy`, async ({ page, request }) => {
    const shipped = (await getJson<{ teachers: string[] }>(request, '/teachers/index.json')).teachers;
    expect(shipped, `${id} is not in the served teachers/index.json: npm run teachers, then npx vite build`).toContain(id);
    const metadata = await getJson<TeacherMetadata>(request, `/teachers/${id}/metadata.json`);
    const provenance = metadata.provenance!;
    const { errors } = await openStudio(page, '?backend=wasm');

    const loaded = await callWorkerOk(page, { kind: 'loadTeacher', id });
    expect(loaded.parameters).toBe(provenance.parameters);
    await callWorkerOk(page, { kind: 'loadData', dataSet: provenance.dataSet, split: 'test' });
    const result = await callWorkerOk(page, { kind: 'evaluateTeacher', id, split: 'test' });

    expect(result).toMatchObject({ id, backend: 'wasm', dataSet: provenance.dataSet, split: 'test', classes: provenance.classes });
    expect(result.samples).toBe(provenance.testSamples);
    const gap = Math.abs(result.accuracy - provenance.testAccuracy) * 100;
    note(
      `evaluate ${id}: browser ${(result.accuracy * 100).toFixed(3)} % vs recorded ${(provenance.testAccuracy * 100).toFixed(3)} %` +
        ` (gap ${gap.toFixed(3)} points) on ${result.samples} images, ${Math.round(result.ms)} ms; load ${Math.round(loaded.ms)} ms`,
    );
    expect(gap, `browser ${result.accuracy} vs recorded ${provenance.testAccuracy}`).toBeLessThanOrEqual(tolerancePoints(result.samples));
    expect(errors).toEqual([]);
  });
}

test('an unknown teacher id gives a typed error, shown as a clear message, and the worker carries on', async ({ page, request }) => {
  const { teachers } = await getJson<{ teachers: string[] }>(request, '/teachers/index.json');
  const { errors } = await openStudio(page, '?backend=wasm');
  const expected = `no shipped teacher has the id 'no-such-teacher' (shipped: ${teachers.join(', ')})`;

  expect(await callWorker(page, { kind: 'loadTeacher', id: 'no-such-teacher' })).toEqual({
    ok: false,
    error: { code: 'unknown-teacher', message: expected },
  });
  expect(await callWorker(page, { kind: 'evaluateTeacher', id: 'no-such-teacher', split: 'test' })).toEqual({
    ok: false,
    error: { code: 'unknown-teacher', message: expected },
  });
  // Not even fetched: an id must be one plain path segment.
  expect(await callWorker(page, { kind: 'loadTeacher', id: '../data' })).toMatchObject({
    ok: false,
    error: { code: 'bad-request' },
  });

  // What a Load button does, for an id with no card: the page says what went wrong.
  await page.evaluate(() => window.__ckaStudio!.loadTeacher('no-such-teacher'));
  await expect(page.getByRole('alert')).toHaveText(`Teacher 'no-such-teacher' could not be loaded: ${expected} [unknown-teacher]`);

  // No crash: the worker is still up and still answers.
  await expect(page.getByRole('status')).toHaveText('worker ready: backend wasm (requested)');
  expect((await callWorkerOk(page, { kind: 'loadTeacher', id: 'mnist-0-4' })).metadata.id).toBe('mnist-0-4');
  expect(errors).toEqual([]);
});
