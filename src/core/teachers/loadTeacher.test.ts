import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, FEATURE_LAYER } from './architectures';
import { loadTeacher } from './loadTeacher';
import type { ModelFiles } from './modelArtifacts';
import { TeacherLoadError, type TeacherErrorCode } from './teacherLoadError';
import { MetadataError, parseTeacherMetadata, type TeacherMetadata } from './teacherMetadata';

interface Saved {
  modelJson: Record<string, unknown>;
  weights: ArrayBuffer;
}

async function saveInMemory(model: tf.LayersModel): Promise<Saved> {
  let saved: Saved | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const modelJson = { format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['./group1-shard1of1.bin'], weights: a.weightSpecs }] };
      saved = { modelJson, weights: a.weightData as ArrayBuffer };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved!;
}

function files(saved: Saved, shards: Record<string, ArrayBuffer> = { 'group1-shard1of1.bin': saved.weights }, json = JSON.stringify(saved.modelJson)): ModelFiles {
  return { name: 'model.json', modelJson: json, readWeights: async (path) => shards[path.split('/').pop()!] };
}

const metadata = (over: Partial<TeacherMetadata> = {}): TeacherMetadata => ({
  id: 't',
  title: 't',
  labels: ['a', 'b', 'c'],
  input: { height: 28, width: 28, channels: 1, mean: 0, std: 1 },
  featureLayer: FEATURE_LAYER,
  featureSize: 64,
  ...over,
});

async function expectCode(promise: Promise<unknown>, code: TeacherErrorCode, text: RegExp) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TeacherLoadError);
  expect((error as TeacherLoadError).code).toBe(code);
  expect((error as Error).message).toMatch(text);
}

describe('loadTeacher', () => {
  let saved: Saved;
  let reference: tf.LayersModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    reference = buildClassifier('cnn-small', 3, 7);
    saved = await saveInMemory(reference);
  });

  it('loads a saved model and gives its features and logits', async () => {
    const teacher = await loadTeacher(files(saved), metadata());
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 3) as tf.Tensor4D;
    const { features, logits } = teacher.run(x);
    expect(features.shape).toEqual([2, 64]);
    const expected = reference.predict(x) as tf.Tensor;
    expect(Array.from(await logits.data())).toEqual(Array.from(await expected.data()));
    tf.dispose([x, features, logits, expected]);
    teacher.dispose();
  });

  it('resizes and normalises input to the teacher spec', async () => {
    const lenet = buildClassifier('lenet5', 3, 1);
    const teacher = await loadTeacher(files(await saveInMemory(lenet)), metadata({ input: { height: 32, width: 32, channels: 1, mean: 0.5, std: 0.25 }, featureSize: 84 }));
    const x = tf.ones([1, 28, 28, 1]) as tf.Tensor4D;
    const direct = lenet.predict(tf.fill([1, 32, 32, 1], 2)) as tf.Tensor;
    const { logits } = teacher.run(x);
    expect(Array.from(await logits.data())).toEqual(Array.from(await direct.data()));
  });

  it('treats a softmax output as probabilities and takes their log as logits', async () => {
    const input = tf.input({ shape: [28, 28, 1] });
    const flat = tf.layers.flatten({ name: 'feat' }).apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const teacher = await loadTeacher(files(await saveInMemory(model)), metadata({ featureLayer: 'feat', featureSize: 784 }));
    const x = tf.randomUniform([2, 28, 28, 1]) as tf.Tensor4D;
    const probs = await (model.predict(x) as tf.Tensor).data();
    const logits = await teacher.run(x).logits.data();
    logits.forEach((v, i) => expect(v).toBeCloseTo(Math.log(probs[i] + 1e-7), 5));
  });

  it('rejects text that is not JSON', async () => {
    await expectCode(loadTeacher(files(saved, undefined, '{"modelTopology": '), metadata()), 'bad-json', /not valid JSON/);
  });

  it('rejects a GraphModel and a JSON file that is not a model', async () => {
    await expectCode(loadTeacher(files(saved, undefined, '{"format":"graph-model","modelTopology":{}}'), metadata()), 'not-layers-model', /GraphModel/);
    await expectCode(loadTeacher(files(saved, undefined, '{"labels":["a"]}'), metadata()), 'not-layers-model', /no modelTopology/);
  });

  it('refuses a lone model.json instead of loading random weights', async () => {
    const json = JSON.stringify({ ...saved.modelJson, weightsManifest: undefined });
    await expectCode(loadTeacher(files(saved, undefined, json), metadata()), 'no-weights', /random/);
  });

  it('names a missing or renamed weight shard', async () => {
    await expectCode(loadTeacher(files(saved, {}), metadata()), 'missing-shard', /group1-shard1of1\.bin/);
    await expectCode(loadTeacher(files(saved, { 'weights.bin': saved.weights }), metadata()), 'missing-shard', /group1-shard1of1\.bin/);
  });

  it('refuses a truncated shard', async () => {
    await expectCode(loadTeacher(files(saved, { 'group1-shard1of1.bin': saved.weights.slice(0, 100) }), metadata()), 'shard-size', /100 bytes/);
  });

  it('checks label count against the logits size', async () => {
    await expectCode(loadTeacher(files(saved), metadata({ labels: ['a', 'b'] })), 'label-count', /3 outputs but 2 labels/);
  });

  it('checks the input shape', async () => {
    await expectCode(loadTeacher(files(saved), metadata({ input: { height: 32, width: 32, channels: 1, mean: 0, std: 1 } })), 'input-shape', /\[null,28,28,1\]/);
  });

  it('names the layers when the feature layer is absent', async () => {
    await expectCode(loadTeacher(files(saved), metadata({ featureLayer: 'penultimate' })), 'feature-layer', /no layer "penultimate".*logits/);
  });
});

describe('parseTeacherMetadata', () => {
  const good = metadata();
  it('accepts valid metadata', () => expect(parseTeacherMetadata(good)).toEqual(good));
  it.each([
    [{ ...good, labels: [] }, 'labels'],
    [{ ...good, labels: ['a', 'a'] }, 'labels'],
    [{ ...good, input: { ...good.input, channels: 2 } }, 'input.channels'],
    [{ ...good, input: { ...good.input, std: 0 } }, 'std'],
    [{ ...good, featureLayer: '' }, 'featureLayer'],
    [{ ...good, provenance: { dataSet: 'cifar' } }, 'provenance.dataSet'],
  ])('names the bad field %#', (value, fieldName) => {
    expect(() => parseTeacherMetadata(value)).toThrow(MetadataError);
    try {
      parseTeacherMetadata(value);
    } catch (e) {
      expect((e as MetadataError).field).toBe(fieldName);
    }
  });
});
