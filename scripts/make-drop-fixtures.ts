/**
 * npx tsx scripts/make-drop-fixtures.ts : writes the model folders the drop-zone tests drop
 * that the shipped zoo cannot supply (e2e/fixtures/, committed, a few KB each):
 * - teachable-machine/: the layout and metadata.json schema of a Teachable Machine image
 *   export (224 x 224 x 3 input, softmax over `labels`), with a tiny network instead of
 *   MobileNet (no real export is available offline);
 * - flat-input/: a model over a flat [784] vector, which no resize of an image can feed;
 * - graph-model/: a tfjs GraphModel (format "graph-model", a GraphDef in JSON) written by
 *   hand, since tfjs cannot save one and the Python converter is not here: an MLP trained
 *   briefly on MNIST 0-2, as Placeholder -> Reshape -> MatMul/BiasAdd/Relu -> MatMul/BiasAdd
 *   -> Softmax, with labels in a Teachable-Machine-style metadata.json.
 * Seeded, so rerunning gives the same files.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLabelledImages, selectClasses } from '../src/core/data/labelledImages';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { saveModelToDir } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';
import { tmMetadata } from '../src/core/teachers/testModels';

const root = path.resolve('e2e/fixtures');
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

function teachableMachineLike(): tf.LayersModel {
  // TM nests MobileNet and its head as two Sequential models; the studio sees their outputs as layers.
  const body = tf.sequential({ name: 'sequential_1' });
  body.add(tf.layers.conv2d({ inputShape: [224, 224, 3], filters: 4, kernelSize: 8, strides: 8, activation: 'relu', kernelInitializer: init(1), name: 'conv_pw' }));
  body.add(tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }));
  const head = tf.sequential({ name: 'sequential_3' });
  head.add(tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: init(2), name: 'dense_Dense1' }));
  head.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(3), name: 'dense_Dense2' }));
  const model = tf.sequential({ name: 'tm' });
  model.add(body);
  model.add(head);
  return model;
}

function flatInput(): tf.LayersModel {
  const model = tf.sequential({ name: 'flat' });
  model.add(tf.layers.dense({ inputShape: [784], units: 8, activation: 'relu', kernelInitializer: init(4), name: 'hidden' }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(5), name: 'out' }));
  return model;
}

type Attr = Record<string, unknown>;
const node = (name: string, op: string, input: string[] = [], attr: Attr = {}) => ({ name, op, input, attr });
const float = { type: 'DT_FLOAT' };
const shapeAttr = (dims: number[]) => ({ shape: { dim: dims.map((size) => ({ size: String(size) })) } });

/** Trains flatten -> dense(16, relu) -> dense(3, softmax) on MNIST 0-2, then writes it as a GraphDef. */
async function graphModel(dir: string): Promise<void> {
  const train = selectClasses(await loadLabelledImages('mnist', 'train', readDataFileFromDisk), [0, 1, 2]);
  const n = 3000;
  const x = tf.tensor4d(Float32Array.from(train.pixels.subarray(0, n * 784), (p) => p / 255), [n, 28, 28, 1]);
  const y = tf.oneHot(tf.tensor1d(Array.from(train.labels.subarray(0, n)), 'int32'), 3);
  const mlp = tf.sequential();
  mlp.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  mlp.add(tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(6) }));
  mlp.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(7) }));
  mlp.compile({ optimizer: tf.train.adam(3e-3), loss: 'categoricalCrossentropy' });
  await mlp.fit(x, y, { epochs: 3, batchSize: 64, shuffle: false, verbose: 0 });
  const [k1, b1, k2, b2] = mlp.getWeights();
  const weights: [string, tf.Tensor][] = [['flatten/shape', tf.tensor1d([-1, 784], 'int32')], ['hidden/kernel', k1], ['hidden/bias', b1], ['logits/kernel', k2], ['logits/bias', b2]];
  const topology = {
    node: [
      node('image', 'Placeholder', [], { dtype: float, shape: shapeAttr([-1, 28, 28, 1]) }),
      ...weights.map(([name, t]) => node(name, 'Const', [], { dtype: { type: t.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' }, value: { tensor: { dtype: t.dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT', tensorShape: shapeAttr(t.shape).shape } } })),
      node('flatten/Reshape', 'Reshape', ['image', 'flatten/shape'], { T: float, Tshape: { type: 'DT_INT32' } }),
      node('hidden/MatMul', 'MatMul', ['flatten/Reshape', 'hidden/kernel'], { T: float, transpose_a: { b: false }, transpose_b: { b: false } }),
      node('hidden/BiasAdd', 'BiasAdd', ['hidden/MatMul', 'hidden/bias'], { T: float, data_format: { s: btoa('NHWC') } }),
      node('hidden/Relu', 'Relu', ['hidden/BiasAdd'], { T: float }),
      node('logits/MatMul', 'MatMul', ['hidden/Relu', 'logits/kernel'], { T: float, transpose_a: { b: false }, transpose_b: { b: false } }),
      node('logits/BiasAdd', 'BiasAdd', ['logits/MatMul', 'logits/bias'], { T: float, data_format: { s: btoa('NHWC') } }),
      node('probs', 'Softmax', ['logits/BiasAdd'], { T: float }),
    ],
    library: {},
    versions: { producer: 1 },
  };
  const data = await Promise.all(weights.map(async ([, t]) => new Uint8Array((await t.data()).buffer.slice(0))));
  const json = {
    format: 'graph-model',
    generatedBy: 'hand-written GraphDef (scripts/make-drop-fixtures.ts)',
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: weights.map(([name, t]) => ({ name, shape: t.shape, dtype: t.dtype })) }],
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(path.join(dir, 'group1-shard1of1.bin'), Buffer.concat(data));
  writeFileSync(path.join(dir, 'metadata.json'), JSON.stringify({ modelName: 'graph-mnist-0-2', labels: ['0', '1', '2'] }));
}

async function main() {
  await useNodeBackend('cpu');
  await saveModelToDir(teachableMachineLike(), path.join(root, 'teachable-machine'));
  writeFileSync(path.join(root, 'teachable-machine', 'metadata.json'), JSON.stringify(tmMetadata(['Cat', 'Dog', 'Bird'], 224)));
  await saveModelToDir(flatInput(), path.join(root, 'flat-input'));
  await graphModel(path.join(root, 'graph-model'));
  console.log(`wrote ${root}/teachable-machine, ${root}/flat-input and ${root}/graph-model`);
}

await main();
