import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeFetch } from '../../browser/fakeServer.testutil';
import { labelsNeeded } from '../../core/teachers/labelsMessage';
import type { NamedBytes } from '../../core/teachers/droppedFiles';
import { loadLabelledImages, selectClasses } from '../../core/data/labelledImages';
import { createAmalgamation, trainStep } from '../../core/method/amalgamation';
import { defaultConfig } from '../../core/method/config';
import { evaluateClassifier } from '../../core/teachers/trainClassifier';
import { readDataFileFromDisk } from '../../node/dataFiles';
import { useNodeBackend } from '../../node/wasmBackend';
import { toErrorInfo } from '../failure';
import { createTeacherRegistry } from './teacherRegistry';
import { servedSources } from './teacherSources';

/**
 * Dropped model files through the worker's one teacher registry, in Node on wasm: real
 * shipped files and the committed fixtures, plus the bad drops the studio must name.
 */
function file(dir: string, name: string, as = name): NamedBytes {
  const bytes = readFileSync(path.join(dir, name));
  return { name: as, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}

const shipped = path.resolve('public/teachers/mnist-0-4');
const tm = path.resolve('e2e/fixtures/teachable-machine');
const flat = path.resolve('e2e/fixtures/flat-input');
const text = (name: string, value: string): NamedBytes => ({ name, bytes: new TextEncoder().encode(value).buffer as ArrayBuffer });

/** The shipped model re-sharded into two files, named as tfjs names shards. */
function twoShards(): NamedBytes[] {
  const json = JSON.parse(readFileSync(path.join(shipped, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  json.weightsManifest[0].paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
  const weights = file(shipped, 'weights.bin').bytes;
  const half = Math.floor(weights.byteLength / 2);
  return [
    { name: 'group1-shard2of2.bin', bytes: weights.slice(half) },
    file(shipped, 'metadata.json'),
    { name: 'group1-shard1of2.bin', bytes: weights.slice(0, half) },
    text('model.json', JSON.stringify(json)),
  ];
}

function registry() {
  return createTeacherRegistry(servedSources(fakeFetch({ 'teachers/index.json': JSON.stringify({ teachers: ['mnist-0-4'] }) })), () => 'wasm');
}

async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected the load to fail');
    },
    (error: unknown) => toErrorInfo(error),
  );
}

describe('dropped teachers in the registry', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('loads shards in any order and predicts as the shipped teacher does', async () => {
    const r = registry();
    const drop = await r.addDropped('mnist-0-4', twoShards(), {});
    expect(drop.id).toBe('dropped:mnist-0-4');
    expect(drop.teacher.metadata).toMatchObject({ id: 'dropped:mnist-0-4', labels: ['0', '1', '2', '3', '4'], featureLayer: 'features' });
    const same = await r.get('mnist-0-4');
    expect(same.loaded).toBe(true);
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const a = await drop.teacher.run(x).logits.data();
    const b = await same.teacher.run(x).logits.data();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect((await r.get('dropped:mnist-0-4')).loaded).toBe(false);
    const again = await r.addDropped('mnist-0-4', twoShards(), {});
    expect(again.id).toBe('dropped:mnist-0-4-2');
  });

  it('rebuilds a dropped teacher from its bytes after a backend switch or a lost device', async () => {
    let name = 'wasm';
    const r = createTeacherRegistry(servedSources(fakeFetch({ 'teachers/index.json': '{"teachers": []}' })), () => name);
    const drop = await r.addDropped('m', twoShards(), {});
    name = 'wasm-again';
    const rebuilt = await r.get(drop.id);
    expect(rebuilt.loaded).toBe(true);
    expect(rebuilt.teacher).not.toBe(drop.teacher);
    expect(rebuilt.teacher.metadata).toEqual(drop.teacher.metadata);
    r.forgetBuilt();
    expect((await r.get(drop.id)).loaded).toBe(true);
  });

  it('loads a Teachable Machine export: 224 x 224 x 3 input in [-1, 1], labels from metadata.json', async () => {
    const drop = await registry().addDropped('tm', [file(tm, 'weights.bin'), file(tm, 'metadata.json'), file(tm, 'model.json')], {});
    expect(drop.teacher.metadata.labels).toEqual(['Cat', 'Dog', 'Bird']);
    expect(drop.teacher.metadata.input).toEqual({ height: 224, width: 224, channels: 3, mean: 0.5, std: 0.5 });
    // Nested models are opened: the feature is the head's hidden Dense layer, the output is softmax.
    expect(drop.teacher.metadata.featureLayer).toBe('dense_Dense1');
    expect(drop.teacher.outputs).toBe('probabilities');
    expect(drop.names).toEqual(['conv_pw', 'global_average_pooling2d_1', 'dense_Dense1', 'dense_Dense2']);
    const { features, logits } = drop.teacher.run(tf.zeros([2, 28, 28, 1]) as tf.Tensor4D);
    expect(features.shape).toEqual([2, 8]);
    expect(logits.shape).toEqual([2, 3]);
  });

  it('asks for labels when none came, with the count, and takes typed ones', async () => {
    const r = registry();
    const files = [file(shipped, 'model.json'), file(shipped, 'weights.bin')];
    const error = await failure(r.addDropped('bare', files, {}));
    expect(error.code).toBe('no-labels');
    expect(labelsNeeded(error.message)).toBe(5);
    const drop = await r.addDropped('bare', files, { labels: ['zero', 'one', 'two', 'three', 'four'] });
    expect(drop.teacher.metadata.labels).toEqual(['zero', 'one', 'two', 'three', 'four']);
    expect(drop.id).toBe('dropped:cnn-small'); // the name inside model.json
  });

  it('loads a tfjs GraphModel, its feature node guessed or chosen, and it classifies real digits', async () => {
    const graph = path.resolve('e2e/fixtures/graph-model');
    const files = () => [file(graph, 'group1-shard1of1.bin'), file(graph, 'model.json'), file(graph, 'metadata.json')];
    const r = registry();
    const drop = await r.addDropped('graph', files(), {});
    expect(drop.id).toBe('dropped:graph-mnist-0-2');
    expect(drop.teacher.metadata).toMatchObject({ labels: ['0', '1', '2'], input: { height: 28, width: 28, channels: 1, mean: 0, std: 1 }, featureLayer: 'hidden/Relu', featureSize: 16 });
    expect(drop.names).toEqual(['flatten/Reshape', 'hidden/MatMul', 'hidden/BiasAdd', 'hidden/Relu', 'logits/MatMul', 'logits/BiasAdd', 'probs']);
    expect(drop.teacher.model.countParams()).toBe(784 * 16 + 16 + 16 * 3 + 3 + 2);
    const test = selectClasses(await loadLabelledImages('mnist', 'test', readDataFileFromDisk), [0, 1, 2]);
    const { accuracy } = await evaluateClassifier((x) => drop.teacher.run(x).logits, test, [0, 1, 2]);
    expect(accuracy).toBeGreaterThan(0.9);

    // It trains a student beside a shipped LayersModel teacher.
    const a = createAmalgamation(defaultConfig, [drop.teacher, (await r.get('mnist-0-4')).teacher], { height: 28, width: 28, channels: 1 });
    const step = await trainStep(a, tf.randomUniform([8, 28, 28, 1], 0, 1, 'float32', 2) as tf.Tensor4D);
    expect(Number.isFinite(step.total)).toBe(true);
    expect(a.union.names).toEqual(['0', '1', '2', '3', '4']);

    const chosen = await r.addDropped('graph', files(), { featureLayer: 'flatten/Reshape' });
    expect(chosen.teacher.metadata).toMatchObject({ featureLayer: 'flatten/Reshape', featureSize: 784 });
    expect(chosen.teacher.run(tf.zeros([2, 28, 28, 1]) as tf.Tensor4D).features.shape).toEqual([2, 784]);
    const before = tf.memory().numTensors;
    const error = await failure(r.addDropped('graph', files(), { featureLayer: 'nope' }));
    expect(error.code).toBe('feature-layer');
    expect(error.message).toMatch(/has no node "nope" that can be computed .*its nodes are: flatten\/Reshape, hidden\/MatMul/);
    expect(tf.memory().numTensors).toBe(before);
  });

  const bad: [string, () => NamedBytes[], string, RegExp][] = [
    ['lone model.json', () => [file(shipped, 'model.json')], 'missing-shard', /model\.json came alone: its weight file "weights\.bin" must be dropped with it/],
    ['missing shard', () => twoShards().filter((f) => f.name !== 'group1-shard2of2.bin'), 'missing-shard', /"group1-shard2of2\.bin" named in model\.json is missing/],
    ['renamed shard', () => [file(shipped, 'model.json'), file(shipped, 'weights.bin', 'weights (1).bin')], 'renamed-shard', /"weights\.bin" named in model\.json is missing; "weights \(1\)\.bin" came instead/],
    ['wrong JSON', () => [text('model.json', '{"format": "layers-model",'), file(shipped, 'weights.bin')], 'bad-json', /model\.json is not valid JSON/],
    ['no model.json', () => [file(shipped, 'weights.bin')], 'no-model-file', /none of the dropped files \(weights\.bin\) is a tfjs model\.json/],
    ['truncated shard', () => [file(shipped, 'model.json'), { name: 'weights.bin', bytes: file(shipped, 'weights.bin').bytes.slice(0, 1000) }], 'shard-size', /hold 1000 bytes/],
    [
      'label count != logits',
      () => [file(shipped, 'model.json'), file(shipped, 'weights.bin'), text('metadata.json', JSON.stringify({ labels: ['a', 'b', 'c'] }))],
      'label-count',
      /has 5 outputs but 3 labels/,
    ],
    ['unshapeable input', () => [file(flat, 'model.json'), file(flat, 'weights.bin'), text('metadata.json', '{"labels": ["x", "y"]}')], 'input-shape', /takes input \[null,784\].*no resize reaches it/],
  ];
  for (const [what, files, code, message] of bad) {
    it(`names a bad drop (${what}) and leaves the registry as it was`, async () => {
      const r = registry();
      const before = tf.memory().numTensors;
      const error = await failure(r.addDropped(what, files(), {}));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(tf.memory().numTensors).toBe(before);
      expect((await failure(r.get(`dropped:${what.replace(/[^A-Za-z0-9._-]+/g, '-')}`))).code).toBe('unknown-teacher');
    });
  }
});
