import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatherPixels, type TransferSet } from '../data/transferSet';
import { batchTargets, type TargetSource } from './batchTargets';
import { configFromPreset } from './resolveConfig';
import { refineTargets, type RefineModels } from './refineTargets';
import { applyRefinement, refinementTable, type Refinement } from './refinement';
import { buildUnionLabels } from './unionLabels';

/**
 * Constructed cases where the right answer is known. Two teachers: t0 knows union classes 0, 1
 * ('a', 'b'), t1 knows 2, 3 ('c', 'd'). The builder is least-ambiguity, so the owner is simply
 * the teacher with the more peaked logits, set per image below. The "student" reads an image's
 * total brightness m (class floor(m / 10) mod 4) and is as sure as the image is bright: a 4×4
 * block in the middle keeps m under any two-pixel shift (a stable answer), while a frame filling
 * the whole image loses a row or column of brightness under any shift and changes class.
 */

const SIDE = 12;
const SIZE = SIDE * SIDE;

function block(value: number): Uint8Array {
  const out = new Uint8Array(SIZE);
  for (let y = 4; y < 8; y++) for (let x = 4; x < 8; x++) out[y * SIDE + x] = value;
  return out;
}

/** A frame of brightness 144 · 72 / 255 ≈ 40.7 (class 0); one row or column less gives class 3. */
const frame = () => new Uint8Array(SIZE).fill(72);
const empty = () => new Uint8Array(SIZE);

/** Owner t0 or t1: that teacher sure of its first class, the other flat. */
const OWNED_BY: Record<0 | 1, number[][]> = { 0: [[5, 0], [0, 0]], 1: [[0, 0], [5, 0]] };

interface Case {
  image: Uint8Array;
  owner: 0 | 1;
}

const CASES: Case[] = [
  { image: block(255), owner: 1 }, // 0: student sure of class 1 (t0's), builder gave it to t1: reassigned
  { image: block(179), owner: 1 }, // 1: the same, a little less sure
  { image: block(166), owner: 1 }, // 2: the same, less sure again
  { image: block(255), owner: 0 }, // 3: student and builder agree on the owner: untouched
  { image: frame(), owner: 1 }, // 4: student sure of class 0 on the image but unstable under shifts: untouched
  { image: empty(), owner: 1 }, // 5: student unsure (uniform): untouched
  { image: empty(), owner: 0 },
  { image: empty(), owner: 0 },
];

function transferOf(cases: Case[]): TransferSet {
  const pixels = new Uint8Array(cases.length * SIZE);
  cases.forEach((c, i) => pixels.set(c.image, i * SIZE));
  return {
    source: 'constructed',
    count: cases.length,
    height: SIDE,
    width: SIDE,
    channels: 1,
    batches: () => {
      throw new Error('not used');
    },
    gather: (indices) => gatherPixels(pixels, SIZE, indices),
  };
}

function student(images01: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const mass = tf.sum(images01, [1, 2, 3]);
    const cls = tf.mod(tf.floor(tf.div(mass, 10)), 4).asType('int32') as tf.Tensor1D;
    const scale = tf.mul(tf.max(images01, [1, 2, 3]), 20);
    return tf.softmax(tf.mul(tf.oneHot(cls, 4).asType('float32'), tf.expandDims(scale, 1))) as tf.Tensor2D;
  });
}

function models(cases: Case[]): RefineModels {
  const logits = (indices: ArrayLike<number>, k: number) => tf.tensor2d(Array.from(indices, (i) => OWNED_BY[cases[i].owner][k]));
  const features = (n: number) => tf.zeros([n, 2]) as tf.Tensor2D;
  return {
    predict: student,
    teachers: async (indices) => ({ logits: [logits(indices, 0), logits(indices, 1)], features: [features(indices.length), features(indices.length)] }),
    run: () => {
      throw new Error('least-ambiguity measures nothing on new images');
    },
  };
}

function source(labels: string[][] = [['a', 'b'], ['c', 'd']]): TargetSource {
  // Hard owners (no smoothing): the expectations read the builder's target row by row.
  const config = configFromPreset('cka', { targetBuilder: 'least-ambiguity', temperature: 1, refine: 'student', epochs: 3, ownershipSmoothing: 0 });
  return { config, union: buildUnionLabels(labels), ownership: null };
}

const options = { threshold: 0.9, maxShare: 1, seed: 1, epoch: 1, batchSize: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('refineTargets', () => {
  it('hands an image to the teacher that knows the class the student is sure of; agreements, unstable and unsure answers stay', async () => {
    const before = tf.memory().numTensors;
    const r = await refineTargets(source(), transferOf(CASES), models(CASES), options);
    expect(r).toEqual({ epoch: 1, indices: [0, 1, 2], classes: [1, 1, 1], candidates: 3 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the unstable image is left out only because of its shifted views', async () => {
    const withoutViews = await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, views: 0 });
    expect(withoutViews.indices).toEqual([0, 1, 2, 4]);
    expect(withoutViews.classes).toEqual([1, 1, 1, 0]);
  });

  it('caps the share changed, keeping the surest, and applies the threshold', async () => {
    const capped = await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, maxShare: 0.25 });
    expect(capped).toMatchObject({ indices: [0, 1], candidates: 3 });
    // Image 2's student probability is 1 − 3e^−13 ≈ 0.999993; image 1's 1 − 3e^−14.
    const strict = await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, threshold: 0.999995 });
    expect(strict.indices).toEqual([0, 1]);
    expect((await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, maxShare: 0 })).indices).toEqual([]);
  });

  it('is deterministic: the same seed and epoch give the same refinement', async () => {
    const a = await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, seed: 9, epoch: 2 });
    const b = await refineTargets(source(), transferOf(CASES), models(CASES), { ...options, seed: 9, epoch: 2 });
    expect(b).toEqual(a);
  });

  it('refuses a threshold or share outside its range', async () => {
    await expect(refineTargets(source(), transferOf(CASES), models(CASES), { ...options, threshold: 0 })).rejects.toThrow(/threshold/);
    await expect(refineTargets(source(), transferOf(CASES), models(CASES), { ...options, maxShare: 1.5 })).rejects.toThrow(/share/);
  });
});

describe('applyRefinement and batchTargets', () => {
  const refinement: Refinement = { epoch: 1, indices: [0, 4], classes: [1, 2], candidates: 2 };

  it('a refined row becomes the new owner’s own softmax, the others keep the builder’s target', async () => {
    const s = source();
    const indices = [0, 3, 4];
    const cases = CASES;
    const m = models(cases);
    const teachers = await m.teachers(Int32Array.from(indices), tf.zeros([3, SIDE, SIDE, 1]));
    const x = tf.zeros([3, SIDE, SIDE, 1]) as tf.Tensor4D;
    const plain = batchTargets(s, teachers, x, m.run, indices);
    s.refinement = refinementTable(refinement, cases.length);
    const refined = batchTargets(s, teachers, x, m.run, indices);
    const p = plain.target.arraySync();
    const q = refined.target.arraySync();
    const e5 = Math.exp(5);
    // Image 0: the builder gave it to t1 (softmax [e^5, 1] / (e^5 + 1) on c, d); refined to t0, whose logits are flat: [½, ½] on a, b.
    expect(p[0][2]).toBeCloseTo(e5 / (e5 + 1), 5);
    expect(q[0]).toEqual([0.5, 0.5, 0, 0].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(refined.pseudo.dataSync())).toEqual([0, 0, 2]);
    // Image 3 is not refined; image 4 is refined to class 2's teacher t1, which the builder had already chosen.
    expect(q[1]).toEqual(p[1]);
    q[2].forEach((v, c) => expect(v).toBeCloseTo(p[2][c], 6));
    // Without indices (a probe batch) the builder's targets stand.
    const probe = batchTargets(s, teachers, x, m.run);
    expect(probe.target.arraySync()).toEqual(p);
    tf.dispose([plain.target, plain.pseudo, refined.target, refined.pseudo, probe.target, probe.pseudo, x, ...teachers.logits, ...teachers.features]);
  });

  it('a class two teachers share is owned by both in equal parts', () => {
    const union = buildUnionLabels([['a', 'b'], ['b', 'c']]);
    const logits = [tf.tensor2d([[0, 0]]), tf.tensor2d([[0, 0]])];
    const target = tf.tensor2d([[0, 0, 1]]);
    const out = applyRefinement(refinementTable({ epoch: 1, indices: [0], classes: [1], candidates: 1 }, 1), union, logits, 1, [0], target);
    // ½ · [½, ½, 0] + ½ · [0, ½, ½].
    Array.from(out.dataSync()).forEach((v, c) => expect(v).toBeCloseTo([0.25, 0.5, 0.25][c], 6));
    tf.dispose([out, target, ...logits]);
  });

  it('refuses an index outside the transfer set', () => {
    expect(() => refinementTable({ epoch: 1, indices: [8], classes: [0], candidates: 1 }, 8)).toThrow(/outside/);
  });
});
