import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { augmentImages } from '../augment';
import { seededRandom } from '../random';
import { disposeOwnershipFit, fitOwnership, ownershipTargets, targetBuilder, targetBuilderNames, type OwnershipEvidence } from '.';

/** The studio and the CLI train on wasm, which lacks some kernels the cpu backend has (UnsortedSegmentSum did). */

function evidence(): OwnershipEvidence {
  const r = seededRandom(9);
  const m = (rows: number, cols: number, scale: number) => tf.tensor2d(Array.from({ length: rows }, () => Array.from({ length: cols }, () => (r() * 2 - 1) * scale)));
  return { logits: [m(40, 3, 6), m(40, 4, 2)], features: [m(40, 5, 1), m(40, 6, 1)], agreement: tf.tensor2d(Array.from({ length: 40 }, () => [r(), r()])) };
}

function everyTarget(): number[][] {
  const e = evidence();
  const out = targetBuilderNames.map((name) => {
    const spec = targetBuilder(name, { temperature: 2 });
    const fit = fitOwnership(spec.clusters ? { ...spec, clusters: { ...spec.clusters, count: 5 } } : spec, e, 3);
    const { target, pseudo, weights } = ownershipTargets(fit, e, [[0, 1, 2], [2, 3, 4, 5]], 6, 2);
    const values = Array.from(target.dataSync());
    tf.dispose([target, pseudo, weights]);
    disposeOwnershipFit(fit);
    return values;
  });
  tf.dispose([...e.logits, ...e.features!, e.agreement!]);
  return out;
}

function augmented(): number[] {
  return tf.tidy(() => Array.from(augmentImages(tf.randomUniform([3, 8, 8, 1], 0, 1, 'float32', 2) as tf.Tensor4D, { maxShift: 2, maxRotationDegrees: 8, noiseStd: 0.1 }, 5).dataSync()));
}

describe('ownership and augmentation on wasm', () => {
  it('every builder fits and gives the cpu backend’s targets; augmentations match too', async () => {
    await useNodeBackend('cpu');
    const cpu = everyTarget();
    const cpuImages = augmented();
    await useNodeBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const wasm = everyTarget();
    wasm.forEach((values, b) => values.forEach((v, i) => expect([targetBuilderNames[b], i, v]).toEqual([targetBuilderNames[b], i, expect.closeTo(cpu[b][i], 4)])));
    augmented().forEach((v, i) => expect(v).toBeCloseTo(cpuImages[i], 4));
  });
});
