import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Teacher } from '../teachers/loadTeacher';
import { createAmalgamation, disposeAmalgamation, trainStep, type Amalgamation } from './amalgamation';
import { ConfigError, defaultConfig, type RunConfig } from './config';
import { resolveConfig } from './resolveConfig';
import { studentInput } from './student';
import { trunkFeatureLayer, TRUNK_PREFIX } from './teacherTrunk';
import { bitwiseEqual, digitNames, layersTeacher, memoryTeacher, randomImages, snapshot, useCpuBackend } from './testFixtures';
import { validateConfig } from './validateConfig';

/**
 * The student's trunk copied from a teacher: the copy computes what the teacher's feature layer
 * computes, frozen copies stay as they are, fine-tuned ones learn, the teacher never changes.
 */

const small: Partial<RunConfig> = { studentWidth: 4, projectionSize: 8, batchSize: 8, learningRate: 1e-2 };

/** The student's copy of the teacher's feature layer, read on [0, 1] images. */
function trunkFeatures(a: Amalgamation, teacher: Teacher, images01: tf.Tensor4D): tf.Tensor2D {
  const model = a.student.model;
  const out = model.getLayer(trunkFeatureLayer(teacher)).output as tf.SymbolicTensor;
  const view = tf.model({ inputs: model.inputs, outputs: out });
  return tf.tidy(() => (view.predict(studentInput(images01)) as tf.Tensor).reshape([images01.shape[0], -1]) as tf.Tensor2D);
}

const trunkWeights = (a: Amalgamation) => a.student.model.layers.filter((l) => l.name.startsWith(TRUNK_PREFIX)).flatMap((l) => l.weights.map((w) => w.read()));

const colourImages = (n: number, side: number, seed: number) => tf.randomUniform([n, side, side, 3], 0, 1, 'float32', seed) as tf.Tensor4D;

/** A teacher with batch norm and dropout before its features: what a frozen trunk must run in inference mode. */
async function batchNormTeacher(): Promise<Teacher> {
  const input = tf.input({ shape: [28, 28, 1] });
  const init = (i: number) => tf.initializers.glorotUniform({ seed: 40 + i });
  const x = [
    tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: init(0) }),
    tf.layers.batchNormalization({}),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dropout({ rate: 0.5 }),
    tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(1), name: 'features' }),
    tf.layers.dense({ units: 3, kernelInitializer: init(2), name: 'logits' }),
  ].reduce((t, l) => l.apply(t) as tf.SymbolicTensor, input);
  return layersTeacher(tf.model({ inputs: input, outputs: x }), { id: 'bn', labels: ['a', 'b', 'c'], input: { height: 28, width: 28, channels: 1, mean: 0.5, std: 0.5 } });
}

/** Teachable Machine's shape: a base Sequential (conv, batch norm, depthwise conv, pooling) and a head Sequential holding the features, nested in one Sequential. */
async function nestedTeacher(): Promise<Teacher> {
  const init = (i: number) => tf.initializers.glorotUniform({ seed: 60 + i });
  const base = tf.sequential({
    name: 'base',
    layers: [
      tf.layers.conv2d({ inputShape: [32, 32, 3], filters: 4, kernelSize: 3, strides: 2, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.batchNormalization({ movingMeanInitializer: 'randomNormal', movingVarianceInitializer: 'ones' }),
      tf.layers.depthwiseConv2d({ kernelSize: 3, depthwiseInitializer: init(1) }),
      tf.layers.reLU({ maxValue: 6 }),
      tf.layers.globalAveragePooling2d({}),
    ],
  });
  const head = tf.sequential({
    name: 'head',
    layers: [tf.layers.dense({ inputShape: [4], units: 12, activation: 'relu', kernelInitializer: init(2), name: 'features' }), tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(3) })],
  });
  const model = tf.sequential({ layers: [base, head] });
  return layersTeacher(model, { id: 'nested', labels: ['x', 'y'], input: { height: 32, width: 32, channels: 3, mean: 0.5, std: 0.5 }, featureSize: 12 });
}

async function train(a: Amalgamation, steps: number, images: tf.Tensor4D): Promise<void> {
  for (let i = 0; i < steps; i++) await trainStep(a, images);
}

describe('a student trunk copied from a teacher', () => {
  let mlp: Teacher;
  let lenet: Teacher;
  let vgg: Teacher;
  let resnet: Teacher;
  let bn: Teacher;
  let nested: Teacher;
  beforeAll(async () => {
    await useCpuBackend();
    mlp = await memoryTeacher({ id: 'mlp', labels: digitNames(0, 4), architecture: 'mlp', seed: 3 });
    lenet = await memoryTeacher({ id: 'lenet', labels: digitNames(4, 9), architecture: 'lenet5', seed: 4, mean: 0.1307, std: 0.3081 });
    vgg = await memoryTeacher({ id: 'vgg', labels: digitNames(0, 4), architecture: 'vgg-mini', seed: 5, channels: 3, mean: 0.45, std: 0.22 });
    resnet = await memoryTeacher({ id: 'resnet', labels: digitNames(5, 9), architecture: 'resnet-mini', seed: 6, channels: 3 });
    bn = await batchNormTeacher();
    nested = await nestedTeacher();
  });

  // Same size, resized (28 -> 32), gray to colour, colour to gray, colour with residual blocks.
  const cases = () => [
    { name: 'mlp at its own 28 px gray', teacher: mlp, images: randomImages(5, 1) },
    { name: 'lenet5 (32 px) from 28 px, resized inside', teacher: lenet, images: randomImages(5, 2) },
    { name: 'colour vgg-mini from 32 px gray (R = G = B)', teacher: vgg, images: randomImages(5, 3, 32) },
    { name: 'gray lenet5 from 32 px colour (mean of R, G, B)', teacher: lenet, images: colourImages(5, 32, 4) },
    { name: 'colour resnet-mini (residual adds) from 32 px colour', teacher: resnet, images: colourImages(5, 32, 5) },
    { name: 'batch norm and dropout, in inference mode', teacher: bn, images: randomImages(5, 6) },
    { name: 'nested Sequentials (Teachable Machine), depthwise conv, relu6, resized from 28 px gray', teacher: nested, images: randomImages(5, 8) },
  ];

  it("at step 0 gives the teacher's own features on the same images", () => {
    for (const { name, teacher, images } of cases()) {
      for (const studentTrunk of ['teacher-frozen', 'teacher-finetune'] as const) {
        const [, height, width, channels] = images.shape;
        const a = createAmalgamation({ ...defaultConfig, ...small, studentTrunk, teachers: [teacher.metadata.id], studentTrunkTeacher: 0 }, [teacher], { height, width, channels });
        const copied = trunkFeatures(a, teacher, images).arraySync();
        const own = teacher.run(images).features.arraySync();
        expect(copied.length, name).toBe(own.length);
        copied.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - own[i][j]), `${name}, ${studentTrunk}, [${i}, ${j}]`).toBeLessThan(1e-4)));
        disposeAmalgamation(a);
      }
    }
  });

  it('frozen: only the fresh features layer and heads train, the copy stays bitwise as it was; fine-tuned: the copy learns; the teacher never changes', async () => {
    for (const teacher of [lenet, bn]) {
      const teacherBefore = snapshot(teacher.model.weights.map((w) => w.read()));
      const images = randomImages(8, 7);
      for (const studentTrunk of ['teacher-frozen', 'teacher-finetune'] as const) {
        const a = createAmalgamation({ ...defaultConfig, ...small, studentTrunk, teachers: ['other', teacher.metadata.id], studentTrunkTeacher: 1 }, [mlp, teacher], { height: 28, width: 28, channels: 1 });
        const trainable = a.student.model.trainableWeights.map((w) => w.originalName.split('/')[0]);
        if (studentTrunk === 'teacher-frozen') expect(trainable.every((n) => !n.startsWith(TRUNK_PREFIX)), trainable.join()).toBe(true);
        else expect(trainable.some((n) => n.startsWith(TRUNK_PREFIX))).toBe(true);
        const before = snapshot(trunkWeights(a));
        await train(a, 3, images);
        const after = snapshot(trunkWeights(a));
        // Batch norm's moving statistics are trunk weights too: frozen, they must not move.
        const unchanged = before.map((b, i) => bitwiseEqual(b, after[i]));
        if (studentTrunk === 'teacher-frozen') expect(unchanged.every(Boolean), `${teacher.metadata.id} frozen`).toBe(true);
        else expect(unchanged.some((same) => !same), `${teacher.metadata.id} fine-tuned`).toBe(true);
        disposeAmalgamation(a);
        const teacherAfter = snapshot(teacher.model.weights.map((w) => w.read()));
        teacherBefore.forEach((b, i) => expect(bitwiseEqual(b, teacherAfter[i]), `${teacher.metadata.id} weight ${i} after ${studentTrunk}`).toBe(true));
      }
      // The teacher still works after its copies were disposed.
      expect(teacher.run(images).features.isDisposed).toBe(false);
    }
  });

  it('the input scaling and resize built into the student are never trained', () => {
    const a = createAmalgamation({ ...defaultConfig, ...small, studentTrunk: 'teacher-finetune', teachers: ['lenet'] }, [lenet], { height: 28, width: 28, channels: 1 });
    const trainable = a.student.model.trainableWeights.map((w) => w.originalName);
    expect(trainable.some((n) => n.startsWith(`${TRUNK_PREFIX}input`))).toBe(false);
    expect(a.student.model.getLayer(`${TRUNK_PREFIX}input_resize_width`)).toBeDefined();
    disposeAmalgamation(a);
  });
});

describe('the studentTrunk fields', () => {
  it('refuse a trunk teacher out of the run\'s teacher list, by name', () => {
    const config = { ...defaultConfig, teachers: ['a', 'b'], studentTrunk: 'teacher-frozen' };
    expect(validateConfig({ ...config, studentTrunkTeacher: 1 }).studentTrunkTeacher).toBe(1);
    expect(() => validateConfig({ ...config, studentTrunkTeacher: 2 })).toThrow(ConfigError);
    expect(() => validateConfig({ ...config, studentTrunkTeacher: 2 })).toThrow(/studentTrunkTeacher.*2 teacher/);
    expect(() => validateConfig({ ...config, studentTrunk: 'teacher' })).toThrow(/studentTrunk/);
    // Out of range but unused: a scratch trunk reads no teacher.
    expect(validateConfig({ ...config, studentTrunk: 'scratch', studentTrunkTeacher: 5 }).studentTrunk).toBe('scratch');
  });

  it('an old config or run record without them resolves to the scratch trunk it ran with', () => {
    const { studentTrunk, studentTrunkTeacher, ...old } = defaultConfig;
    expect([studentTrunk, studentTrunkTeacher]).toEqual(['scratch', 0]);
    const resolved = resolveConfig({ config: { kind: 'cka-studio-run', config: old } });
    expect(resolved.studentTrunk).toBe('scratch');
    expect(resolved.studentTrunkTeacher).toBe(0);
  });
});

describe('a teacher that cannot give a trunk', () => {
  it('is refused by name when its feature layer is not one of its layers', async () => {
    await useCpuBackend();
    const teacher = await memoryTeacher({ id: 'odd', labels: digitNames(0, 4), architecture: 'mlp', seed: 3 });
    const renamed = { ...teacher, metadata: { ...teacher.metadata, featureLayer: 'node/MatMul' } };
    expect(() => createAmalgamation({ ...defaultConfig, ...small, studentTrunk: 'teacher-frozen', teachers: ['odd'] }, [renamed], { height: 28, width: 28, channels: 1 })).toThrow(
      /cannot be copied from teacher odd: its feature layer "node\/MatMul" is not one of its tfjs layers/,
    );
    teacher.dispose();
  });
});
