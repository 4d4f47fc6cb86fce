import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dropOn, fileFrom, textFile, type FilePayload } from './dropFiles';
import { openStudio } from './studio';

/**
 * Journey 2: real model files dropped through the real drop zone (a DataTransfer drop and
 * the keyboard-reachable file picker), every bad drop named, nothing loaded before lost.
 */
const shipped = (id: string) => path.resolve('public/teachers', id);
const tm = path.resolve('e2e/fixtures/teachable-machine');
const flat = path.resolve('e2e/fixtures/flat-input');

/** mnist-0-4 re-sharded into two weight files, as tfjs names shards. */
function twoShards(): { json: FilePayload; shard1: FilePayload; shard2: FilePayload; metadata: FilePayload } {
  const json = JSON.parse(readFileSync(path.join(shipped('mnist-0-4'), 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  const weights = readFileSync(path.join(shipped('mnist-0-4'), 'weights.bin'));
  const half = Math.floor(weights.length / 2);
  const bin = (name: string, buffer: Buffer): FilePayload => ({ name, mimeType: 'application/octet-stream', buffer });
  return {
    json: textFile('model.json', JSON.stringify(json)),
    shard1: bin('group1-shard1of2.bin', weights.subarray(0, half)),
    shard2: bin('group1-shard2of2.bin', weights.subarray(half)),
    metadata: fileFrom(shipped('mnist-0-4'), 'metadata.json'),
  };
}

const drops = (page: Page) => page.getByRole('list', { name: 'Dropped model files' }).getByRole('listitem');
const dropped = (page: Page) => page.getByRole('list', { name: 'Dropped teachers' }).getByRole('listitem');

async function pick(page: Page, files: FilePayload[]): Promise<void> {
  await page.getByTestId('teacher-files').setInputFiles(files);
}

async function expectDrop(page: Page, index: number, text: string | RegExp): Promise<void> {
  await expect(drops(page).nth(index).locator('[data-field="drop-outcome"]')).toHaveText(text, { timeout: 20_000 });
}

test('model files dropped or picked load as teachers; each bad drop gets its own message', async ({ page }) => {
  test.setTimeout(120_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  const m04 = shipped('mnist-0-4');
  let n = 0;

  // 1. A real drop (DataTransfer), files in reverse order, with our metadata.json.
  await dropOn(page, 'Drop model files', [fileFrom(m04, 'metadata.json'), fileFrom(m04, 'weights.bin'), fileFrom(m04, 'model.json')]);
  await expectDrop(page, n++, 'Loaded model.json as dropped:mnist-0-4');
  const card = page.locator('li[data-teacher="dropped:mnist-0-4"]');
  await expect(card.locator('dd[data-field="labels"]')).toHaveText('0, 1, 2, 3, 4');
  await expect(card.locator('dd[data-field="input"]')).toHaveText('28 × 28 × 1');
  await expect(card.locator('dd[data-field="parameters"]')).toHaveText('56,389');

  // 2. Two shards and metadata in any order, through the file picker.
  const s = twoShards();
  await pick(page, [s.shard2, s.metadata, s.json, s.shard1]);
  await expectDrop(page, n++, 'Loaded model.json as dropped:mnist-0-4-2');

  // 3. A Teachable Machine image export: labels and [-1, 1] input from its metadata.json.
  await pick(page, [fileFrom(tm, 'model.json'), fileFrom(tm, 'weights.bin'), fileFrom(tm, 'metadata.json')]);
  await expectDrop(page, n++, 'Loaded model.json as dropped:tm-my-image-model');
  const tmCard = page.locator('li[data-teacher="dropped:tm-my-image-model"]');
  await expect(tmCard.locator('dd[data-field="labels"]')).toHaveText('Cat, Dog, Bird');
  await expect(tmCard.locator('dd[data-field="input"]')).toHaveText('224 × 224 × 3');

  // 3b. A tfjs GraphModel (hand-written GraphDef fixture): its feature node is guessed, then chosen.
  const graph = path.resolve('e2e/fixtures/graph-model');
  await pick(page, [fileFrom(graph, 'model.json'), fileFrom(graph, 'metadata.json'), fileFrom(graph, 'group1-shard1of1.bin')]);
  await expectDrop(page, n++, 'Loaded model.json as dropped:graph-mnist-0-2');
  const graphCard = page.locator('li[data-teacher="dropped:graph-mnist-0-2"]');
  await expect(graphCard.locator('dd[data-field="feature-layer"]')).toHaveText('hidden/Relu (16 values)');
  await graphCard.getByRole('checkbox').check();
  await graphCard.getByLabel('Feature layer').selectOption('flatten/Reshape');
  await graphCard.getByRole('button', { name: 'Use this feature layer' }).click();
  await expectDrop(page, n++, 'Loaded model.json as dropped:graph-mnist-0-2-2');
  const rechosen = page.locator('li[data-teacher="dropped:graph-mnist-0-2-2"]');
  await expect(rechosen.locator('dd[data-field="feature-layer"]')).toHaveText('flatten/Reshape (784 values)');
  await expect(rechosen.getByRole('checkbox')).toBeChecked();
  await expect(graphCard).toHaveCount(0);

  // 4. No label names anywhere: the form asks for them, checks the count, then loads.
  const m59 = shipped('mnist-5-9');
  await pick(page, [fileFrom(m59, 'model.json'), fileFrom(m59, 'weights.bin')]);
  // A question on a card, not an error alert.
  await expectDrop(page, n, /^What are its 5 classes\? The model has 5 outputs and no label names/);
  await expect(drops(page).nth(n).getByRole('alert')).toHaveCount(0);
  const labels = drops(page).nth(n).getByLabel('5 labels for model.json, in output order (comma-separated)');
  await labels.fill('five, six, seven');
  await labels.press('Enter');
  await expect(drops(page).nth(n).getByRole('alert')).toHaveText('the model has 5 outputs: type 5 labels (got 3)');
  await labels.fill('five, six, seven, eight, nine');
  await drops(page).nth(n).getByRole('button', { name: 'Load with these labels' }).click();
  // Named after the name inside its model.json, not after the file.
  await expectDrop(page, n++, 'Loaded model.json as dropped:lenet5');
  const named = page.locator('li[data-teacher="dropped:lenet5"]');
  await expect(named.locator('dd[data-field="labels"]')).toHaveText('five, six, seven, eight, nine');
  await expect(named.getByRole('heading')).toHaveText('lenet5');

  // 5. Every bad drop, each with its own message.
  const bad: [string, FilePayload[], RegExp][] = [
    ['missing shard', [s.json, s.shard1, s.metadata], /weight file "group1-shard2of2\.bin" named in model\.json is missing \[missing-shard\]$/],
    ['renamed shard', [fileFrom(m04, 'model.json'), fileFrom(m04, 'weights.bin', 'weights (1).bin')], /"weights\.bin" named in model\.json is missing; "weights \(1\)\.bin" came instead but model\.json does not name it \(renamed\?\) \[renamed-shard\]$/],
    ['lone model.json', [fileFrom(m04, 'model.json')], /model\.json came alone: its weight file "weights\.bin" must be dropped with it, or its weights would be random \[missing-shard\]$/],
    ['wrong JSON', [textFile('model.json', '{"format": "layers-model", '), fileFrom(m04, 'weights.bin')], /model\.json is not valid JSON .* \[bad-json\]$/],
    ['not a model', [textFile('model.json', '{"hello": "world"}'), fileFrom(m04, 'weights.bin')], /model\.json has no modelTopology: it is not a tfjs model\.json \[not-layers-model\]$/],
    ['label count', [fileFrom(m04, 'model.json'), fileFrom(m04, 'weights.bin'), textFile('metadata.json', '{"labels": ["a", "b", "c"]}')], /model\.json has 5 outputs but 3 labels \[label-count\]$/],
    ['unshapeable input', [fileFrom(flat, 'model.json'), fileFrom(flat, 'weights.bin'), textFile('metadata.json', '{"labels": ["x", "y"]}')], /model\.json takes input \[null,784\]; .* no resize reaches it \[input-shape\]$/],
    ['truncated shard', [fileFrom(m04, 'model.json'), { ...fileFrom(m04, 'weights.bin'), buffer: readFileSync(path.join(m04, 'weights.bin')).subarray(0, 4096) }], /weight files weights\.bin hold 4096 bytes; model\.json expects 225556 \[shard-size\]$/],
  ];
  for (const [what, files, message] of bad) {
    await test.step(what, async () => {
      await pick(page, files);
      await expectDrop(page, n++, message);
    });
  }
  // The last bad drop was a real drop too.
  await dropOn(page, 'Drop model files', [fileFrom(m04, 'weights.bin')]);
  await expectDrop(page, n++, /none of the dropped files \(weights\.bin\) is a tfjs model\.json \[no-model-file\]$/);

  // Nothing loaded before was lost, and a dropped teacher can be picked for the run.
  await expect(dropped(page)).toHaveCount(5);
  await expect(drops(page)).toHaveCount(n);
  // The default run's teachers are picked from the start.
  await expect(page.locator('li[data-teacher="mnist-0-4"]').getByRole('checkbox', { name: 'Pick MNIST digits 0–4 for the run' })).toBeChecked();
  await page.locator('li[data-teacher="dropped:tm-my-image-model"]').getByRole('checkbox').check();
  await expect(page.locator('li[data-teacher="dropped:tm-my-image-model"]').getByRole('checkbox')).toBeChecked();

  await page.screenshot({ path: test.info().outputPath('journey-drop-teachers.png'), fullPage: true });
  expect(errors).toEqual([]);
});
