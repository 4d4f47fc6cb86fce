import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledImages } from '../../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../../src/node/dataFiles';
import { encodeGrayPng, encodeRgbPng } from '../../src/node/pngEncode';
import { useNodeBackend } from '../../src/node/wasmBackend';

/**
 * `npm run predict` on a Teachable-Machine-shaped export (e2e/fixtures/tm-mnist) prints the
 * model's own softmax for the same input tensor, to 1e-4, with and without its metadata.json.
 */
const tmMnist = path.resolve('e2e/fixtures/tm-mnist');
type Printed = { file: string; probabilities: Record<string, number> }[];

function predict(...args: string[]): Printed {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/predict.ts', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as Printed;
}

describe('npm run predict', () => {
  let dir: string;
  let bare: string;
  const files: string[] = [];
  let pixels: Uint8Array;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    dir = mkdtempSync(path.join(tmpdir(), 'predict-'));
    bare = path.join(dir, 'bare-model');
    mkdirSync(bare);
    for (const f of ['model.json', 'weights.bin']) copyFileSync(path.join(tmMnist, f), path.join(bare, f));
    const test = await loadLabelledImages('mnist', 'test', readDataFileFromDisk);
    pixels = test.pixels.subarray(0, 4 * 784);
    for (let i = 0; i < 4; i++) {
      files.push(path.join(dir, `digit-${i}.png`));
      writeFileSync(files[i], encodeGrayPng(pixels.subarray(i * 784, (i + 1) * 784), 28, 28));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the TM model's own softmax for each image, with and without metadata", async () => {
    const reference = await referenceModel();
    // TM's own preprocessing of the same tensor: 32 x 32, gray to RGB, x / 127.5 - 1.
    const x = tf.tensor4d(Float32Array.from(pixels, (p) => p / 255), [4, 28, 28, 1]);
    const own = (reference.predict(tf.image.resizeBilinear(x, [32, 32]).tile([1, 1, 1, 3]).mul(2).sub(1)) as tf.Tensor2D).arraySync();
    const labels = Array.from({ length: 10 }, (_, i) => String(i));
    for (const printed of [predict('--teacher', tmMnist, ...files), predict('--teacher', bare, '--labels', labels.join(','), ...files)]) {
      expect(printed.map((p) => p.file)).toEqual(files);
      printed.forEach((p, i) => labels.forEach((l, c) => expect(Math.abs(p.probabilities[l] - own[i][c])).toBeLessThan(1e-4)));
    }
  }, 120_000);

  it('gives a colour image to a colour model in colour: its softmax for the RGB tensor, not a gray one', async () => {
    const emoji = await loadLabelledImages('emoji', 'test', readDataFileFromDisk);
    const rgb = emoji.pixels.slice(0, 32 * 32 * 3);
    const file = path.join(dir, 'emoji.png');
    writeFileSync(file, encodeRgbPng(rgb, 32, 32));
    const reference = await referenceModel();
    const colour = tf.tensor4d(Float32Array.from(rgb, (p) => p / 255), [1, 32, 32, 3]);
    const own = (reference.predict(colour.mul(2).sub(1)) as tf.Tensor2D).arraySync()[0];
    const gray = (reference.predict(colour.mean(3, true).tile([1, 1, 1, 3]).mul(2).sub(1)) as tf.Tensor2D).arraySync()[0];
    const [printed] = predict('--teacher', tmMnist, file);
    own.forEach((p, c) => expect(Math.abs(printed.probabilities[String(c)] - p)).toBeLessThan(1e-4));
    // And the check can fail: the gray version of the same image gives other probabilities.
    expect(Math.max(...own.map((p, c) => Math.abs(p - gray[c])))).toBeGreaterThan(1e-3);
  }, 120_000);

  it('refuses a call without --teacher or images, by name', () => {
    expect(() => predict(files[0])).toThrow(/--teacher <folder or shipped id> is needed/);
  });
});

/** The model as plain tfjs builds it from its files (tfjs in Node has no file:// loader without tfjs-node). */
async function referenceModel(): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(path.join(tmMnist, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const weights = readFileSync(path.join(tmMnist, 'weights.bin'));
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }));
}
