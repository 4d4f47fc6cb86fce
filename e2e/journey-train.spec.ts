import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configFromPreset } from '../src/core/method/resolveConfig';
import { startMainThreadMonitor, stopMainThreadMonitor } from '../scripts/browserBench/mainThreadMonitor';
import { callWorkerOk, field, hoverSomePoint, openStudio } from './studio';
import { cliCommand, nodeRunReference } from './nodeRunReference';

/**
 * Journey (1), training half: pick two shipped teachers in the Teachers panel, choose CKA in
 * the Method panel (the studio's default: cluster ownership, so both sides first make the
 * target builder's pass over the 6,400 transfer images), train 100 steps on MNIST (batch 64,
 * seed 1) on wasm, see who owns the transfer images, watch the loss curve and the embedding
 * plot change, and reach the joint accuracy the Node CLI reaches for the same config:
 *   npm run amalgamate -- --preset cka --teachers mnist-0-4,mnist-5-9 --data mnist --seed 1 --transfer-limit 6400 --epochs 1
 * Both run the same core on tfjs wasm from the same seed, so they agree to within
 * TOLERANCE (percentage points of joint accuracy on the 10,000 test images).
 */
const TEACHERS = ['mnist-0-4', 'mnist-5-9'];
const STEPS = 100;
const BATCH = 64;
const EXPECTED = configFromPreset('cka', { teachers: TEACHERS, data: 'mnist', seed: 1, transferLimit: STEPS * BATCH, epochs: 1, batchSize: BATCH });
const TOLERANCE = 1.0;
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', `${name}.png`) });
const pickBox = (page: Page, id: string) => page.locator(`li[data-teacher="${id}"]`).getByRole('checkbox', { name: /^Pick .* for the run$/ });
const lossPath = (page: Page) => page.locator('[data-chart="loss"] path.recharts-line-curve').first();
const studentCanvas = (page: Page) => page.locator('[data-chart="embedding-student"] canvas');

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Clicks a download button; the file is kept with the artifacts and returned. */
async function download(page: Page, button: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const kept = path.join(ARTIFACTS, 'downloads', file.suggestedFilename());
  await file.saveAs(kept);
  return { name: file.suggestedFilename(), bytes: readFileSync(kept) };
}

/** Points in a recharts line: one per move/line command of its path. */
async function pathPoints(line: Locator): Promise<number> {
  const d = (await line.getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

async function pickTeachers(page: Page): Promise<void> {
  // Start from none picked, so the run's teachers are the ones this journey picks.
  for (const box of await page.locator('li[data-teacher]').getByRole('checkbox', { name: /^Pick .* for the run$/ }).all()) await box.uncheck();
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText('none picked');
  for (const id of TEACHERS) await pickBox(page, id).check();
  await expect(page.locator('[data-field="method-teachers"]')).toHaveText(TEACHERS.join(', '));
}

async function chooseMethod(page: Page): Promise<void> {
  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Preset').selectOption('kd'); // away and back: the preset picker really sets the method
  await expect(page.locator('[data-field="preset-text"]')).toContainText('KD');
  await method.getByLabel('Preset').selectOption('cka');
  // The method panel words the chosen target builder in its one line.
  await expect(method.locator('[data-field="option-help-targetBuilder"]')).toContainText('cluster: Images are clustered by the teachers');
  await method.getByLabel('Seed').fill(String(EXPECTED.seed));
  await method.getByLabel('Transfer images').fill(String(EXPECTED.transferLimit));
  await method.getByLabel('Epochs').fill('1');
  await page.getByLabel('Evaluate every').fill('25');
}

type ProgressWatch = { __progressSeen: string[]; __lossPoints: number[] };

/**
 * Keeps every text the training panel's Progress fact shows from now on (a pass over 6,400
 * images is over in seconds), and the loss curve's point count at each of those moments: read
 * in the page, so a test runner slowed by a busy machine cannot miss the run while it is live.
 */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const watch = window as unknown as ProgressWatch;
    watch.__progressSeen = [];
    watch.__lossPoints = [];
    const dd = document.querySelector('dd[data-field="training-progress"]')!;
    const lossPoints = () => (document.querySelector('[data-chart="loss"] path.recharts-line-curve')?.getAttribute('d')?.match(/[ML]/g) ?? []).length;
    new MutationObserver(() => {
      watch.__progressSeen.push(dd.textContent ?? '');
      watch.__lossPoints.push(lossPoints());
    }).observe(dd, { childList: true, characterData: true, subtree: true });
  });
}

/** The ownership view once the pre-pass is done: one share per picked teacher, adding up to 100 %; returned in words for the log. */
async function ownershipShares(page: Page): Promise<string> {
  const items = page.locator('[data-field="ownership-shares"] li');
  await expect(items).toHaveCount(TEACHERS.length, { timeout: 120_000 });
  const texts = await items.allTextContents();
  const shares = texts.map((t) => Number(/: ([\d.]+) %/.exec(t)![1]));
  expect(texts.map((t) => t.split(':')[0])).toEqual(TEACHERS);
  expect(shares.reduce((a, b) => a + b)).toBeCloseTo(100, 0);
  for (const share of shares) expect(share).toBeGreaterThan(0);
  const changed = (await page.locator('[data-field="ownership-changed"]').textContent())!;
  expect(changed).toMatch(/^Builder cluster: [\d,]+ of 6,400 images \([\d.]+ %\) go to a different teacher than plain concatenation would give them to\.$/);
  return `${texts.join(', ')}; ${changed.replace(/^Builder cluster: /, '')}`;
}

/** Colouring the embedding by owning teacher: the legend names the picked teachers. */
async function colourByOwner(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'owning teacher' }).check();
  await expect(page.getByRole('list', { name: 'Owning teachers' }).getByRole('listitem')).toHaveText(TEACHERS);
  await page.getByRole('radio', { name: 'pseudo-label' }).check();
}

test('journey: pick two teachers, train CKA on MNIST, watch it learn, match the CLI', async ({ page }) => {
  test.setTimeout(300_000);
  mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
  mkdirSync('docs/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  const reference = nodeRunReference(EXPECTED); // the CLI's run, alongside the browser's
  const requests: string[] = [];
  page.context().on('request', (r) => void requests.push(r.url()));
  const { errors } = await openStudio(page, '?backend=wasm');

  await pickTeachers(page);
  await chooseMethod(page);
  await shot(page, 'journey-1-configured');

  const started = Date.now();
  await startMainThreadMonitor(page); // the page must stay responsive while charts and plots update
  await watchProgress(page);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(field(page, 'training-state')).toHaveText('running', { timeout: 60_000 });
  const configured = await callWorkerOk(page, { kind: 'trainingState' });
  expect(configured.config).toEqual(EXPECTED); // what the UI sent is exactly the CLI's config
  expect(configured.config!.targetBuilder).toBe('cluster'); // the new default, with its pre-pass

  // The builder's pass over the transfer set ends with each teacher's share of the images.
  const shares = await ownershipShares(page);
  // Between Start and the first step the panel said how far that pass had got.
  const progressSeen = await page.evaluate(() => (window as unknown as ProgressWatch).__progressSeen);
  expect(progressSeen.some((t) => /^Deciding who owns each image: [\d,]+ of 6,400$/.test(t)), progressSeen.slice(0, 5).join(' | ')).toBe(true);

  // The loss curve grows while training runs: drawn with a few points, then with more, before the last step.
  await expect.poll(() => pathPoints(lossPath(page)), { timeout: 60_000 }).toBeGreaterThan(3);
  await expect
    .poll(async () => {
      const counts = await page.evaluate(() => (window as unknown as ProgressWatch).__lossPoints);
      return new Set(counts.filter((n) => n > 3 && n < STEPS)).size;
    }, { timeout: 30_000 })
    .toBeGreaterThan(1);

  // The embedding plot draws a first frame, then moves to a later one with other pixels.
  await expect(studentCanvas(page)).toHaveAttribute('data-step', /^\d+$/, { timeout: 90_000 });
  await expect(studentCanvas(page)).not.toHaveAttribute('data-frames-drawn', '0');
  const firstStep = Number(await studentCanvas(page).getAttribute('data-step'));
  const firstPixels = await studentCanvas(page).evaluate((c: HTMLCanvasElement) => c.toDataURL());
  await shot(page, 'journey-2-live');
  await expect.poll(async () => Number(await studentCanvas(page).getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThan(firstStep);
  await page.waitForTimeout(800); // the animation into the new frame
  expect(await studentCanvas(page).evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(firstPixels);
  await expect(studentCanvas(page)).toHaveAttribute('data-points', '500');
  // The tour's picture, mid-run: the run column scrolled until the embedding plots sit under the
  // pinned controls, the picked teachers beside them (the set-up column back at its top).
  await page.locator('.studio-setup').evaluate((column) => (column.scrollTop = 0));
  await page.getByRole('heading', { name: 'Embedding clusters' }).evaluate((h) => {
    const column = h.closest('.studio-run')!;
    const pinned = column.querySelector('.run-pinned')!;
    column.scrollTop += h.getBoundingClientRect().top - pinned.getBoundingClientRect().bottom - 8;
  });
  await page.screenshot({ path: 'docs/screenshots/training.png' });
  await shot(page, 'journey-3-live-views');

  await expect(field(page, 'training-state')).toHaveText('complete', { timeout: 180_000 });
  const trainedMs = Date.now() - started;
  const main = await stopMainThreadMonitor(page);
  await hoverSomePoint(page);
  await expect(page.locator('[data-chart="embedding-student"] .plot-hover-image')).toBeVisible();
  await page.mouse.move(0, 0);
  await colourByOwner(page);

  // Results: joint accuracy and the student against each teacher on its own classes.
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.locator('[data-teacher-result]')).toHaveCount(2);
  await expect(page.locator('table.confusion tbody tr')).toHaveCount(10);
  const browserJoint = Number((await results.locator('[data-field="results-joint"]').textContent())!.replace(' %', ''));

  // Exports: charts as PNG (SVG chart and canvas plot), the run record as JSON.
  for (const button of ['Download Loss per term as PNG', 'Download Student as PNG', /^Download Confusion matrix .* as PNG$/]) {
    const png = await download(page, button);
    expect(png.bytes.subarray(0, 8).equals(PNG_MAGIC), `${png.name} is a PNG`).toBe(true);
    // IHDR: the whole chart at twice its size, not a legend icon.
    expect(png.bytes.readUInt32BE(16), `${png.name} width`).toBeGreaterThan(500);
    expect(png.bytes.readUInt32BE(20), `${png.name} height`).toBeGreaterThan(400);
  }
  const record = JSON.parse((await download(page, 'Download run record (JSON)')).bytes.toString('utf8'));
  expect(record).toMatchObject({ kind: 'cka-studio-browser-run', state: 'complete', step: STEPS, totalSteps: STEPS, config: EXPECTED });
  expect(record.final.jointAccuracy * 100).toBeCloseTo(browserJoint, 2);
  expect(record.final.perTeacher.map((t: { id: string }) => t.id)).toEqual(TEACHERS);

  await page.locator('.studio-run').evaluate((el) => (el.scrollTop = 0));
  await shot(page, 'journey-4-complete');

  const node = await reference;
  const nodeJoint = node.final.jointAccuracy * 100;
  const line = `joint accuracy after ${STEPS} steps (preset ${EXPECTED.preset}, target builder ${EXPECTED.targetBuilder}): browser ${browserJoint.toFixed(2)} %, Node CLI ${nodeJoint.toFixed(2)} % (tolerance ${TOLERANCE} pt); ownership ${shares}; browser run ${Math.round(trainedMs / 1000)} s, longest main-thread task ${Math.round(main.longestTaskMs)} ms (${main.longTasks} over 50 ms); ${cliCommand(EXPECTED)}`;
  test.info().annotations.push({ type: 'accuracy', description: line });
  console.log(line);
  console.log(`long tasks (ms after Start: duration): ${main.longTaskList.map((t) => `${t.atMs}: ${t.ms}`).join(', ')}`);
  expect(Math.abs(browserJoint - nodeJoint)).toBeLessThanOrEqual(TOLERANCE);
  expect(errors).toEqual([]);
  // Loose on purpose (2 busy cores, screenshots taken meanwhile): it catches a frozen page, not a slow frame.
  expect(main.longestTaskMs).toBeLessThan(1_000);
  // Teachers, data, wasm binaries: everything the whole journey fetched came from the page's own origin.
  const origin = new URL(page.url()).origin;
  expect(requests.length).toBeGreaterThan(10);
  expect(requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)).toEqual([]);
});
