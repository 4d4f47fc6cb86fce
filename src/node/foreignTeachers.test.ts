import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages, type LabelledImages } from '../core/data/labelledImages';
import { spreadSample } from '../core/teachers/inputScaling';
import { evaluateClassifier } from '../core/teachers/trainClassifier';
import { readDataFileFromDisk } from './dataFiles';
import { isModelFolder, loadTeacherFolder } from './teacherFiles';
import { useNodeBackend } from './wasmBackend';

/**
 * A trained Teachable-Machine-shaped MNIST model (e2e/fixtures/tm-mnist: nested Sequentials,
 * softmax in the head, [-1, 1] input) read from its folder, with and without its metadata.json.
 */
const tmMnist = path.resolve('e2e/fixtures/tm-mnist');
const digits = Array.from({ length: 10 }, (_, i) => String(i));
const all = Array.from({ length: 10 }, (_, i) => i);

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
