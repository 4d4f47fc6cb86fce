import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { axisShifts } from '../augment';
import { batchToTensor } from '../data/imageTensors';
import { toTransferSet } from '../data/transferSet';
import type { TeacherOutputs } from '../method/amalgamationLoss';
import { seededRandom } from '../random';
import { batchEvidence, disposeOwnershipFit, fitOwnership, prepareOwnership, PrepassAborted, shiftAgreement, targetBuilder } from '.';
import { useCpu } from './testing.testutil';

beforeAll(useCpu);

/** 11 random 6x6 images (an odd count, so the last pre-pass batch is partial). */
function transferSet() {
  const r = seededRandom(4);
  const pixels = Uint8Array.from({ length: 11 * 36 }, () => Math.floor(r() * 256));
  return toTransferSet({ source: 'test', height: 6, width: 6, channels: 1, count: 11, pixels, labels: new Uint8Array(11), labelNames: [] }, 1);
}

/** Two fake teachers: A reads the left columns, B the top rows; their features are their logits. */
let calls = 0;
function run(x: tf.Tensor4D): TeacherOutputs {
  calls++;
  return tf.tidy(() => {
    const a = tf.reshape(tf.slice(x, [0, 0, 0, 0], [-1, 6, 3, 1]), [-1, 18]);
    const b = tf.reshape(tf.slice(x, [0, 0, 0, 0], [-1, 3, 6, 1]), [-1, 18]);
    const logits = [tf.matMul(a, tf.linspace(-1, 1, 36).reshape([18, 2])), tf.matMul(b, tf.linspace(1, -2, 54).reshape([18, 3]))] as tf.Tensor2D[];
    return { logits, features: logits.map((l) => tf.mul(l, 2)) as tf.Tensor2D[] };
  });
}

describe('prepareOwnership', () => {
  it('fits on the whole transfer set what fitOwnership fits on all its images at once', async () => {
    const transfer = transferSet();
    const spec = targetBuilder('z-max-logit', { temperature: 1 });
    const prepass = await prepareOwnership(spec, transfer, run, { batchSize: 4, seed: 0 });
    const all = batchToTensor(transfer.gather(Array.from({ length: 11 }, (_, i) => i)), transfer);
    const direct = fitOwnership(spec, run(all));
    prepass.fit.standards!.forEach((s, i) => s.mean.arraySync().forEach((m, k) => expect(m).toBeCloseTo(direct.standards![i].mean.arraySync()[k], 5)));
    expect(prepass.agreement).toBeNull();
    all.dispose();
  });

  it('keeps each image’s agreement under its transfer index, for batches in any order', async () => {
    const transfer = transferSet();
    const prepass = await prepareOwnership(targetBuilder('agreement', { temperature: 1 }), transfer, run, { batchSize: 4, seed: 0 });
    const picked = [9, 2, 5];
    const x = batchToTensor(transfer.gather(picked), transfer);
    const expected = tf.tidy(() => shiftAgreement((images) => run(images).logits, x, axisShifts(2)).arraySync());
    const outputs = run(x);
    const evidence = batchEvidence(prepass, outputs, picked);
    evidence.agreement!.arraySync().forEach((row, j) => row.forEach((v, k) => expect(v).toBeCloseTo(expected[j][k], 5)));
    tf.dispose([x, evidence.agreement!, ...outputs.logits, ...outputs.features]);
  });

  it('skips the pass for builders that need neither statistics nor agreement', async () => {
    calls = 0;
    const prepass = await prepareOwnership(targetBuilder('confidence', { temperature: 4 }), transferSet(), run, { batchSize: 4, seed: 0 });
    expect(calls).toBe(0);
    disposeOwnershipFit(prepass.fit);
  });

  it('holds cluster centres and no stray tensors after the pass', async () => {
    const before = tf.memory().numTensors;
    const spec = { ...targetBuilder('cluster', { temperature: 1 }), clusters: { count: 3, space: 'features' as const, mix: 0.5, iterations: 3 } };
    const prepass = await prepareOwnership(spec, transferSet(), run, { batchSize: 4, seed: 0 });
    // Cluster centres and scores, and the two certainty/agreement standards (mean and std each).
    expect(tf.memory().numTensors).toBe(before + 2 + 2 * prepass.fit.standards!.length);
    disposeOwnershipFit(prepass.fit);
  });

  it('reports images done after each batch, and summarises ownership when asked', async () => {
    const seen: [number, number][] = [];
    const spec = targetBuilder('z-max-logit', { temperature: 1 });
    const prepass = await prepareOwnership(spec, transferSet(), run, { batchSize: 4, seed: 0, onProgress: (d, t) => seen.push([d, t]), summaryTemperature: 1 });
    expect(seen).toEqual([
      [4, 11],
      [8, 11],
      [11, 11],
    ]);
    expect(prepass.summary!.images).toBe(11);
    expect(prepass.summary!.owned.reduce((a, b) => a + b)).toBe(11);
    expect(prepass.summary!.changed).toBeGreaterThanOrEqual(0);
    const quiet = await prepareOwnership(spec, transferSet(), run, { batchSize: 4, seed: 0 });
    expect(quiet.summary).toBeUndefined();
  });

  it('stops between batches once its signal is aborted, holding no tensors', async () => {
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    const spec = targetBuilder('agreement', { temperature: 1 });
    const pass = prepareOwnership(spec, transferSet(), run, { batchSize: 4, seed: 0, signal: abort.signal, onProgress: (done) => done >= 4 && abort.abort() });
    await expect(pass).rejects.toBeInstanceOf(PrepassAborted);
    expect(tf.memory().numTensors).toBe(before);
  });
});
