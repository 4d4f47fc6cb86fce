import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { combineTeacherTargets } from '../method/losses';
import { seededRandom } from '../random';
import { concatWeights, disposeOwnershipFit, fitOwnership, ownedUnionTarget, ownershipTargets, sharpen, targetBuilder, targetBuilderHelp, targetBuilderNames } from '.';
import { ownersOf, spec, t2, useCpu } from './testing.testutil';

beforeAll(useCpu);

function randomLogits(seed: number, rows: number, cols: number, scale: number): number[][] {
  const r = seededRandom(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.fround((r() * 2 - 1) * scale)));
}

/** A {a,b,c,d} and B {d,e,f}: they share d (union index 3). */
const OVERLAP = [[0, 1, 2, 3], [3, 4, 5]];

describe('today’s combiners as builders', () => {
  it.each(['concat', 'confidence'] as const)('%s reproduces combineTeacherTargets bit for bit (overlapping teachers, T = 2.5)', (name) => {
    const logits = [randomLogits(1, 8, 4, 5), randomLogits(2, 8, 3, 3)].map(t2);
    const fit = fitOwnership(targetBuilder(name, { temperature: 2.5 }), { logits });
    const mine = ownershipTargets(fit, { logits }, OVERLAP, 6, 2.5);
    const today = combineTeacherTargets(logits, OVERLAP, 6, 2.5, name);
    expect(Array.from(mine.target.dataSync())).toEqual(Array.from(today.dataSync()));
    expect(Array.from(mine.pseudo.dataSync())).toEqual(Array.from(tf.argMax(today, 1).dataSync()));
    tf.dispose([...logits, mine.target, mine.pseudo, mine.weights, today]);
  });

  it('the weights concat implies give its target through ownedUnionTarget (to float rounding)', () => {
    const logits = [randomLogits(3, 6, 4, 4), randomLogits(4, 6, 3, 2)].map(t2);
    const viaWeights = ownedUnionTarget(logits, OVERLAP, 6, 2, concatWeights(logits, 2)).arraySync();
    const direct = combineTeacherTargets(logits, OVERLAP, 6, 2, 'concat').arraySync();
    viaWeights.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(direct[i][j], 6)));
    tf.dispose(logits);
  });

  it('every named builder has its one-line help', () => {
    for (const name of targetBuilderNames) expect(targetBuilderHelp[name].length).toBeGreaterThan(20);
  });
});

describe('standardised scores', () => {
  // Teacher A's logits run loud (max around 10 on anything), B's quiet (max around 1, 3 on its own images).
  const transfer = {
    logits: [
      t2([[10, 0], [11, 0], [9, 0], [15, 0], [10, 1], [10, 0]]),
      t2([[1, 0], [0.8, 0], [1.2, 0], [1, 0], [3, 0], [1, 0.5]]),
    ],
  };
  // Image 0: A at its usual 10, B at an unusually high 3: B owns it, though A's raw logit is louder.
  // Image 1: A at an unusually high 15, B at its usual 1: A owns it.
  const apply = { logits: [t2([[10, 0], [15, 0]]), t2([[3, 0], [1, 0]])] };
  const maps = [[0, 1], [2, 3]];

  it('concat follows the loudest raw logit and gets image 0 wrong', () => {
    expect(ownersOf(spec('concat'), transfer, apply, maps, 4).pseudo).toEqual([0, 0]);
  });

  it.each(['z-max-logit', 'z-energy'] as const)('%s gives image 0 to the quiet teacher and image 1 to the loud one', (name) => {
    const { owners, pseudo } = ownersOf(spec(name), transfer, apply, maps, 4);
    expect(owners).toEqual([1, 0]);
    expect(pseudo).toEqual([2, 0]);
  });

  it('fits each teacher’s mean and standard deviation over the transfer set', () => {
    const fit = fitOwnership(spec('z-max-logit'), transfer);
    expect(fit.standards![0].mean.arraySync()[0]).toBeCloseTo(65 / 6, 5);
    expect(fit.standards![0].mean.arraySync()[1]).toBeCloseTo(8 / 6, 5);
    expect(fit.standards![0].std.arraySync()[1]).toBeCloseTo(Math.sqrt([1, 0.8, 1.2, 1, 3, 1].reduce((s, v) => s + (v - 8 / 6) ** 2, 0) / 6), 5);
  });
});

describe('least ambiguity', () => {
  // A has 2 classes and is torn (entropy ln 2 = 0.69 nats, normalised 1); B has 6 classes and is
  // fairly sure (about 1 nat of ln 6 = 1.79). Raw entropy prefers A, normalised entropy B.
  const logits = [t2([[0, 0]]), t2([[3, 0, 0, 0, 0, 0]])];
  const maps = [[0, 1], [2, 3, 4, 5, 6, 7]];

  it('gives the image to the teacher least ambiguous over its own classes; confidence does not', () => {
    expect(ownersOf(spec('least-ambiguity'), { logits }, { logits }, maps, 8).owners).toEqual([1]);
    expect(ownersOf(spec('confidence'), { logits }, { logits }, maps, 8).owners).toEqual([0]);
  });
});

describe('agreement under shifts', () => {
  // Both teachers are equally sure on the logits; only A keeps its answer under shifts on image 0, only B on image 1.
  const logits = [t2([[5, 0], [5, 0], [5, 0], [5, 0]]), t2([[0, 5], [0, 5], [0, 5], [0, 5]])];
  const agreement = t2([[0.95, 0.3], [0.4, 0.9], [0.7, 0.7], [0.8, 0.6]]);
  const maps = [[0, 1], [2, 3]];

  it('gives each image to the teacher whose answer survives the shifts', () => {
    const evidence = { logits, agreement };
    const two = [t2([[5, 0], [5, 0]]), t2([[0, 5], [0, 5]])];
    expect(ownersOf(spec('agreement'), evidence, { logits: two, agreement: t2([[0.95, 0.3], [0.4, 0.9]]) }, maps, 4).owners).toEqual([0, 1]);
    expect(ownersOf(spec('z-max-logit'), evidence, { logits: two }, maps, 4).owners).toEqual([0, 0]);
  });

  it('refuses to run without the pre-pass, or with one of another batch', () => {
    expect(() => fitOwnership(spec('agreement'), { logits })).toThrow(/pre-pass/);
    expect(() => fitOwnership(spec('agreement'), { logits, agreement: t2([[1, 0]]) })).toThrow(/one row per image/);
  });
});

describe('overlapping label sets', () => {
  // Both teachers confidently say d (A's class 3, B's class 0; union index 3).
  const logits = [t2([[0, 0, 0, 6]]), t2([[6, 0, 0]])];

  it('a shared class takes mass from both teachers under soft weights', () => {
    const weights = t2([[0.5, 0.5]]);
    const q = ownedUnionTarget(logits, OVERLAP, 6, 1, weights).arraySync()[0];
    const pA = Math.exp(6) / (Math.exp(6) + 3);
    const pB = Math.exp(6) / (Math.exp(6) + 2);
    expect(q[3]).toBeCloseTo(0.5 * pA + 0.5 * pB, 6);
    expect(q.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
  });

  it('every builder labels the shared class d, soft or hard', () => {
    for (const name of ['confidence', 'z-max-logit', 'least-ambiguity'] as const) {
      for (const sharpness of [1, 'hard'] as const) {
        const s = { ...spec(name), sharpness, standardise: false };
        expect(ownersOf(s, { logits }, { logits }, OVERLAP, 6).pseudo).toEqual([3]);
      }
    }
  });
});

describe('sharpen', () => {
  it('hard puts all weight on the best teacher; soft rows sum to 1 and sharpen with the factor', () => {
    const scores = t2([[1, 2, 0], [0, -1, 0.5]]);
    expect(sharpen(scores, 'hard').arraySync()).toEqual([[0, 1, 0], [0, 0, 1]]);
    const soft = sharpen(scores, 1).arraySync();
    const sharper = sharpen(scores, 5).arraySync();
    soft.forEach((row) => expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6));
    expect(sharper[0][1]).toBeGreaterThan(soft[0][1]);
    expect(() => sharpen(scores, 0)).toThrow(/sharpness/);
  });

  it('a single teacher owns everything', () => {
    expect(sharpen(t2([[3], [-1]]), 'hard').arraySync()).toEqual([[1], [1]]);
  });
});

describe('cluster ownership', () => {
  // Two tight clusters in feature space. Image scores are noisy: image 2 of cluster 0 (owned by
  // A) scores B higher on its own, but its cluster's mean score belongs to A.
  const features = [t2([[1, 0], [1, 0.1], [0.9, 0], [0, 1], [0.1, 1], [0, 0.9]]), t2([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]])];
  const agreement = t2([[0.9, 0.1], [0.8, 0.2], [0.45, 0.55], [0.1, 0.9], [0.2, 0.8], [0.3, 0.7]]);
  const logits = [t2([[0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]]), t2([[0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]])];
  const evidence = { logits, features, agreement };

  it('gives a whole cluster to the teacher that scores best inside it', () => {
    const base = targetBuilder('cluster', { temperature: 1 });
    const s = { ...base, terms: [{ score: 'agreement' as const, weight: 1 }], standardise: false, clusters: { count: 2, space: 'features' as const, mix: 1, iterations: 5 } };
    expect(ownersOf(s, evidence, evidence, [[0, 1], [2, 3]], 4).owners).toEqual([0, 0, 0, 1, 1, 1]);
    expect(ownersOf({ ...s, clusters: undefined }, evidence, evidence, [[0, 1], [2, 3]], 4).owners).toEqual([0, 0, 1, 1, 1, 1]);
  });
});

describe('ownershipTargets', () => {
  it('does not leak tensors (fit with clusters included)', () => {
    const logits = [t2(randomLogits(5, 12, 3, 3)), t2(randomLogits(6, 12, 2, 3))];
    const features = [t2(randomLogits(7, 12, 4, 1)), t2(randomLogits(8, 12, 4, 1))];
    const s = { ...spec('cluster'), terms: [{ score: 'maxLogit' as const, weight: 1 }], clusters: { count: 3, space: 'features' as const, mix: 0.5, iterations: 3 } };
    const before = tf.memory().numTensors;
    const fit = fitOwnership(s, { logits, features });
    const out = ownershipTargets(fit, { logits, features }, [[0, 1, 2], [3, 4]], 5, 2);
    tf.dispose([out.target, out.pseudo, out.weights]);
    disposeOwnershipFit(fit);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ownership smoothing', () => {
  // Teacher A {a,b} owns image 0 outright; B {c,d} still ranks d above c on it.
  const logits = [t2([[8, 0]]), t2([[0, 2]])];
  const maps = [[0, 1], [2, 3]];
  const targetOf = (smoothing: number) => {
    const built = targetBuilder('z-max-logit', { temperature: 1, sharpness: 'hard', smoothing });
    const fit = fitOwnership(built, { logits });
    const out = ownershipTargets(fit, { logits }, maps, 4, 1);
    const result = { target: out.target.arraySync()[0], weights: out.weights.arraySync()[0], pseudo: out.pseudo.arraySync()[0] };
    tf.dispose([out.target, out.pseudo, out.weights]);
    disposeOwnershipFit(fit);
    return result;
  };

  it('a hard owner erases the other teacher’s ranking; smoothing keeps it and the owner’s answer', () => {
    const hard = targetOf(0);
    expect(hard.target[2]).toBe(0);
    expect(hard.target[3]).toBe(0);
    const smooth = targetOf(0.2);
    expect(smooth.weights[0]).toBeCloseTo(0.9, 6);
    expect(smooth.weights[1]).toBeCloseTo(0.1, 6);
    expect(smooth.target[3]).toBeGreaterThan(smooth.target[2]);
    expect(smooth.target.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(smooth.pseudo).toBe(hard.pseudo);
  });

  it('zero smoothing leaves the builder as it was', () => {
    expect(targetBuilder('cluster', { temperature: 4, smoothing: 0 })).toEqual(targetBuilder('cluster', { temperature: 4 }));
  });
});
