import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { findUntrainableConvs } from '../backend/conv2dGradient';
import { architectures, buildClassifier, FEATURE_LAYER, type ArchitectureId } from './architectures';
import { mirrorHalf } from './trainClassifier';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

describe('teacher architectures', () => {
  it('every one builds for gray and for colour input, with a named feature layer, and trains on wasm', () => {
    for (const id of Object.keys(architectures) as ArchitectureId[]) {
      for (const channels of [1, 3]) {
        const model = buildClassifier(id, 5, 1, channels);
        const size = architectures[id].inputSize;
        expect(model.inputs[0].shape, id).toEqual([null, size, size, channels]);
        expect(model.outputs[0].shape, id).toEqual([null, 5]);
        expect(model.getLayer(FEATURE_LAYER).outputShape.at(-1), id).toBeGreaterThan(0);
        expect(findUntrainableConvs(model), id).toEqual([]);
        model.dispose();
      }
    }
  });

  it('resnet-mini learns a small colour batch on wasm (its residual branches keep a gradient)', () => {
    const model = buildClassifier('resnet-mini', 3, 4, 3);
    // Class c is a noisy image whose channel c is brightest: colour alone tells them apart.
    const labels = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const y = tf.oneHot(labels, 3);
    const x = tf.randomUniform([6, 32, 32, 3], 0, 0.5, 'float32', 2).add(y.reshape([6, 1, 1, 3]).mul(0.5));
    const optimizer = tf.train.adam(0.01);
    const loss = () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    const before = loss().dataSync()[0];
    for (let i = 0; i < 15; i++) optimizer.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before * 0.5);
    model.dispose();
  });
});

describe('mirrorHalf', () => {
  it('flips a seeded subset of the images left-right and leaves the rest', () => {
    // Image i holds the column index + 10 i in every pixel of row 0 (3 columns, 1 row, 1 channel).
    const x = tf.tensor4d([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62, 70, 71, 72], [8, 1, 3, 1]);
    const rows = (mirrorHalf(x, 3).arraySync() as number[][][][]).map((image) => image[0].map((p) => p[0]));
    const flipped = rows.filter((r, i) => r[0] === 10 * i + 2);
    const kept = rows.filter((r, i) => r[0] === 10 * i);
    expect(flipped.length + kept.length).toBe(8);
    expect(flipped.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
    for (const r of flipped) expect(r[2] - r[0]).toBe(-2);
    expect(mirrorHalf(x, 3).arraySync()).toEqual(mirrorHalf(x, 3).arraySync());
  });
});
