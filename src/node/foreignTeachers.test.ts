import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages, type LabelledImages } from '../core/data/labelledImages';
import { spreadSample } from '../core/teachers/inputScaling';
import { evaluateClassifier } from '../core/teachers/trainClassifier';
import { readDataFileFromDisk } from './dataFiles';
import { isModelFolder, loadTeacherFolder, teachersRoot } from './teacherFiles';
import { useNodeBackend } from './wasmBackend';

/**
 * A trained Teachable-Machine-shaped MNIST model (e2e/fixtures/tm-mnist: nested Sequentials,
 * softmax in the head, [-1, 1] input) read from its folder, with and without its metadata.json.
 */
const tmMnist = path.resolve('e2e/fixtures/tm-mnist');
const digits = Array.from({ length: 10 }, (_, i) => String(i));
const all = Array.from({ length: 10 }, (_, i) => i);

/** A folder holding only `files` of `dir`: the model without its metadata.json. */
function bareCopy(dir: string, files: string[]): string {
  const bare = mkdtempSync(path.join(tmpdir(), 'bare-'));
  for (const f of files) copyFileSync(path.join(dir, f), path.join(bare, f));
  return bare;
}

describe('the input scaling check', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  // Models whose scaling is known, checked without their metadata on their own data set's
  // train images (pixels only): the shipped teachers were trained on mean/std, the GraphModel
  // fixture on [0, 1], tm-mnist on [-1, 1] (the test below).
  it.each([
    ['mnist-0-4', 'mnist', 'standard'],
    ['mnist-5-9', 'mnist', 'standard'],
    ['fashion-0-4', 'fashion-mnist', 'standard'],
    ['graph-model', 'mnist', 'unit'],
  ] as const)('finds the scaling %s was trained with', async (name, data, expected) => {
    const dir = name === 'graph-model' ? path.resolve('e2e/fixtures/graph-model') : path.join(teachersRoot, name);
    const files = name === 'graph-model' ? ['model.json', 'group1-shard1of1.bin'] : ['model.json', 'weights.bin'];
    const bare = bareCopy(dir, files);
    const train = await loadLabelledImages(data, 'train', readDataFileFromDisk);
    const sample = spreadSample(train.pixels, train);
    const count = name === 'graph-model' ? 3 : 5;
    const { teacher, scaling } = await loadTeacherFolder(bare, { labels: Array.from({ length: count }, (_, i) => `c${i}`) }, sample);
    expect(scaling?.proposed, JSON.stringify(scaling?.candidates.map((c) => [c.id, c.score.toFixed(3)]))).toBe(expected);
    teacher.dispose();
    sample.dispose();
    rmSync(bare, { recursive: true, force: true });
  });
});

describe('a foreign teacher folder', () => {
  let bare: string;
  let test: LabelledImages;
  let sample: tf.Tensor4D;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    bare = mkdtempSync(path.join(tmpdir(), 'tm-bare-'));
    for (const f of ['model.json', 'weights.bin']) copyFileSync(path.join(tmMnist, f), path.join(bare, f));
    test = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
    // Transfer images (MNIST train), pixels only: no label enters the check.
    const train = await loadLabelledImages('mnist', 'train', readDataFileFromDisk);
    sample = spreadSample(train.pixels, train);
  });
  afterAll(() => rmSync(bare, { recursive: true, force: true }));

  it('is told from a shipped id', () => {
    expect(isModelFolder(tmMnist)).toBe(true);
    expect(isModelFolder('mnist-0-4')).toBe(false);
    expect(isModelFolder('no/such/folder')).toBe(false);
  });

  it('without metadata is offered [-1, 1] and evaluates within 0.2 point of its metadata twin', async () => {
    const twin = await loadTeacherFolder(tmMnist, {}, sample);
    expect(twin.scaling).toBeNull(); // TM's metadata says [-1, 1]
    expect(twin.teacher.outputs).toBe('probabilities');
    expect(twin.teacher.metadata.title).toBe('tm-mnist');
    const withMetadata = await evaluateClassifier((x) => twin.teacher.run(x).logits, test, all);

    const found = await loadTeacherFolder(bare, { labels: digits }, sample);
    expect(found.scaling?.proposed).toBe('symmetric');
    expect(found.teacher.metadata.input).toMatchObject({ mean: 0.5, std: 0.5 });
    const scores = Object.fromEntries(found.scaling!.candidates.map((c) => [c.id, c.score]));
    expect(scores.symmetric).toBeGreaterThan(scores.unit);
    expect(scores.symmetric).toBeGreaterThan(scores.bytes);
    const without = await evaluateClassifier((x) => found.teacher.run(x).logits, test, all);
    console.log(`tm-mnist on MNIST test: ${(withMetadata.accuracy * 100).toFixed(2)} % with metadata, ${(without.accuracy * 100).toFixed(2)} % without; check scores ${JSON.stringify(scores)}`);
    expect(withMetadata.accuracy).toBeGreaterThan(0.9);
    expect(Math.abs(withMetadata.accuracy - without.accuracy)).toBeLessThan(0.002);

    // The user can overrule the check: [0, 1] is what it was fed before, and it fails.
    const overruled = await loadTeacherFolder(bare, { labels: digits, scaling: { mean: 0, std: 1 } }, sample);
    expect(overruled.scaling?.proposed).toBe('symmetric');
    const unit = await evaluateClassifier((x) => overruled.teacher.run(x).logits, test, all);
    expect(unit.accuracy).toBeLessThan(withMetadata.accuracy - 0.1);
    [twin, found, overruled].forEach((b) => b.teacher.dispose());
  }, 120_000);
});
