/**
 * npx tsx scripts/make-tm-mnist-fixture.ts : writes e2e/fixtures/tm-mnist/, a trained
 * Teachable-Machine-shaped MNIST classifier (committed, ~40 KB) for the foreign-teacher tests:
 * TM's layout (a Sequential holding a base Sequential and a head Sequential, softmax inside
 * the head), RGB input at 32 x 32 in [-1, 1] as TM feeds MobileNet, TM's metadata.json.
 * Dropped without its metadata.json it is the "model without metadata" whose input scaling
 * the studio must find. Seeded, so rerunning gives the same files.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLabelledImages } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { saveModelToDir } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';

const SIZE = 32;
const dir = path.resolve('e2e/fixtures/tm-mnist');
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

function tmShaped(): tf.Sequential {
  const base = tf.sequential({ name: 'sequential_1' });
  const conv = (filters: number, seed: number, extra: object = {}) =>
    tf.layers.conv2d({ filters, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(seed), name: `conv_${seed}`, ...extra });
  base.add(conv(16, 1, { inputShape: [SIZE, SIZE, 3] }));
  base.add(conv(32, 2));
  base.add(conv(48, 3));
  base.add(tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }));
  const head = tf.sequential({ name: 'sequential_3' });
  head.add(tf.layers.dense({ inputShape: [48], units: 32, activation: 'relu', kernelInitializer: init(4), name: 'dense_Dense1' }));
  head.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(5), name: 'dense_Dense2' }));
  const model = tf.sequential({ name: 'sequential_4' });
  model.add(base);
  model.add(head);
  return model;
}

/** TM's preprocessing on our [0, 1] gray images: resized, gray copied to RGB, x * 2 - 1. */
const tmInput = (pixels: Uint8Array, from: number, n: number) =>
  tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(Float32Array.from(pixels.subarray(from * 784, (from + n) * 784), (p) => p / 255), [n, 28, 28, 1]), [SIZE, SIZE]).tile([1, 1, 1, 3]).mul(2).sub(1));

async function main() {
  await useNodeBackend('wasm');
  const train = await loadLabelledImages('mnist', 'train', readDataFileFromDisk);
  const n = 20_000;
  const x = tmInput(train.pixels, 0, n);
  const y = tf.oneHot(tf.tensor1d(Array.from(train.labels.subarray(0, n)), 'int32'), 10);
  const model = tmShaped();
  model.compile({ optimizer: tf.train.adam(3e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(x, y, { epochs: 4, batchSize: 64, shuffle: false, verbose: 0, callbacks: { onEpochEnd: (e, logs) => console.log(`epoch ${e + 1}: accuracy ${logs?.acc?.toFixed(4)}`) } });
  await saveModelToDir(model, dir);
  const labels = Array.from({ length: 10 }, (_, i) => String(i));
  writeFileSync(
    path.join(dir, 'metadata.json'),
    JSON.stringify({ tfjsVersion: '1.3.1', tmVersion: '2.4.7', packageVersion: '0.8.4', packageName: '@teachablemachine/image', timeStamp: '2026-12-04T00:00:00.000Z', userMetadata: {}, modelName: 'tm-mnist', labels, imageSize: SIZE }),
  );
  console.log(`wrote ${dir}`);
}

await main();
