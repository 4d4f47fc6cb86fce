import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { toTransferSet } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { createAmalgamation, disposeAmalgamation, runTeachers, trainStep, type StepResult } from './amalgamation';
import { prepareTargets } from './batchTargets';
import { PrepassAborted } from '../ownership';
import { lossTermNames } from './amalgamationLoss';
import type { RunConfig } from './config';
import { runAmalgamation } from './runAmalgamation';
import { limitImages } from './runData';
import { useNodeBackend } from '../../node/wasmBackend';
import { expectSameLosses, smallTeachers, syntheticLabelled } from './testFixtures';
import { addLoss, createTrainingSession, emptyHistory, MAX_LOSS_POINTS, type StepProgress } from './trainingSession';
import { dataLabelsToUnion } from './unionLabels';
import { configFromPreset, type ConfigOverrides } from './resolveConfig';
import { scheduledRate, setLearningRate } from './learningRate';

/**
 * The session against an independent reference: the plain loop over TransferSet.batches that
 * runAmalgamation used before it was built on the session. wasm backend (~5x faster than cpu
 * here); it is deterministic, so "the same losses" means bitwise. 44 transfer images in batches of 8: 5 steps per epoch (4 images dropped),
 * 2 epochs, so every test crosses an epoch boundary.
 */

const SMALL: ConfigOverrides = { studentWidth: 4, projectionSize: 16, batchSize: 8, learningRate: 1e-2, transferLimit: 44, epochs: 2 };
const cka = configFromPreset('cka', SMALL);

let teachers: Teacher[];
let train: LabelledImages;
let test: LabelledImages;
const inputs = (config: RunConfig) => ({ config, teachers, train, test, backend: 'wasm' });

async function referenceLosses(config: RunConfig): Promise<StepResult[]> {
  const a = createAmalgamation(config, teachers, train);
  const limited = limitImages(train, config.transferLimit, config.seed);
  const toUnion = dataLabelsToUnion(limited.labelNames, a.union);
  const transfer = toTransferSet(limited, config.seed);
  const out: StepResult[] = [];
  await prepareTargets(a, transfer, (images) => runTeachers(teachers, images));
  const totalSteps = config.epochs * Math.floor(transfer.count / config.batchSize);
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      for (const batch of transfer.batches(config.batchSize, epoch, true)) {
        setLearningRate(a.optimizer, scheduledRate(config, a.step, totalSteps));
        const x = batchToTensor(batch, transfer);
        const labels = config.supervised ? Int32Array.from(batch.indices, (i) => toUnion[limited.labels[i]]) : undefined;
        out.push(await trainStep(a, x, labels, undefined, batch.indices).finally(() => x.dispose()));
      }
    }
  } finally {
    disposeAmalgamation(a);
  }
  return out;
}

const results = (ps: StepProgress[]) => ps.map((p) => p.result);

describe('training session (wasm)', () => {
  const reference: Record<string, StepResult[]> = {};

  beforeAll(async () => {
    await useNodeBackend('wasm');
    teachers = await smallTeachers();
    train = syntheticLabelled(120, 1);
    test = syntheticLabelled(60, 2);
    reference.cka = await referenceLosses(cka);
  });

  it('gives bitwise the losses of the plain batch loop and of runAmalgamation, epoch records included', async () => {
    const session = createTrainingSession(inputs(cka));
    const steps: StepProgress[] = [];
    const untrained = await session.evaluate();
    expect(await session.run({ onStep: (p) => steps.push(p) })).toEqual({ stopped: 'complete', steps: 10 });
    expectSameLosses(results(steps), reference.cka);
    expect(steps.map((p) => p.epoch)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);

    const viaRun: StepProgress[] = [];
    const record = await runAmalgamation(inputs(cka), { onStep: (p) => viaRun.push(p) });
    expectSameLosses(results(viaRun), reference.cka);
    expect(record.untrained).toEqual(untrained);
    expect(session.history.epochs.map((e) => [e.epoch, e.meanTotal, e.meanTerms, e.evaluation])).toEqual(
      record.epochs.map((e) => [e.epoch, e.meanTotal, e.meanTerms, e.evaluation]),
    );
    expect(session.history.evaluations.map((e) => [e.step, e.epoch])).toEqual([[0, 0], [5, 1], [10, 2]]);
    await session.dispose();
  });

  it('runAmalgamation on the session still cancels with an AbortError and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const cancel = new AbortController();
    const run = runAmalgamation(inputs(cka), { signal: cancel.signal, onStep: (p) => p.step === 2 && cancel.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the oracle reads the same true labels per batch as the plain loop', async () => {
    const oracle = configFromPreset('oracle', { ...SMALL, epochs: 1 });
    const session = createTrainingSession(inputs(oracle));
    const steps: StepProgress[] = [];
    await session.run({ onStep: (p) => steps.push(p) });
    expectSameLosses(results(steps), await referenceLosses(oracle));
    await session.dispose();
  });

  it('pause (abort) stops at a step boundary; resuming, stepping and periodic evaluation change no loss', async () => {
    const session = createTrainingSession(inputs(cka));
    const pause = new AbortController();
    const steps: StepProgress[] = [];
    const first = await session.run({ signal: pause.signal, onStep: (p) => (steps.push(p), p.step === 3 && pause.abort()) });
    expect(first).toEqual({ stopped: 'aborted', steps: 3 });
    expect(session.position).toEqual({ epoch: 0, batch: 3 });

    const evaluated: number[] = [];
    const second = await session.run({ steps: 4, evaluateEvery: 2, onStep: (p) => steps.push(p), onEvaluate: (e) => evaluated.push(e.step) });
    expect(second).toEqual({ stopped: 'steps', steps: 4 });
    expect(session.position).toEqual({ epoch: 1, batch: 2 });
    expect(evaluated).toEqual([4, 5, 6]); // 5 is the epoch's end

    for (let i = 0; i < 3; i++) steps.push(await session.step());
    expect(session.complete).toBe(true);
    expect(await session.run()).toEqual({ stopped: 'complete', steps: 0 });
    await expect(session.step()).rejects.toThrow(/complete/);
    expectSameLosses(results(steps), reference.cka);
    expect(session.history.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    await session.dispose();
  });

  it('a cancelled pre-pass is made again by the next prepare, which reports its progress and the ownership summary', async () => {
    const session = createTrainingSession(inputs(cka));
    const abort = new AbortController();
    abort.abort();
    await expect(session.prepare({ signal: abort.signal })).rejects.toBeInstanceOf(PrepassAborted);
    expect(session.amalgamation.ownership).toBeNull();
    const seen: number[] = [];
    await session.prepare({ onProgress: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    const summary = session.amalgamation.ownership!.summary!;
    expect([summary.images, summary.owned.reduce((a, b) => a + b)]).toEqual([44, 44]);
    await session.run({ steps: 3 });
    expect(session.history.losses.map((l) => l.total)).toEqual(reference.cka.slice(0, 3).map((r) => r.total));
    await session.dispose();
  });

  it('concurrent calls are served in order; a second run() is refused', async () => {
    const session = createTrainingSession(inputs(cka));
    const [a, b] = await Promise.all([session.step(), session.step()]);
    expectSameLosses([a.result, b.result], reference.cka.slice(0, 2));
    const running = session.run({ steps: 1 });
    await expect(session.run()).rejects.toThrow(/already running/);
    await running;
    await session.dispose();
  });

  it('dispose frees every tensor and refuses later calls; a batch larger than the transfer set is refused', async () => {
    const before = tf.memory().numTensors;
    const session = createTrainingSession(inputs(cka));
    await session.step();
    await session.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(session.step()).rejects.toThrow(/disposed/);
    expect(() => createTrainingSession(inputs(configFromPreset('cka', { ...SMALL, batchSize: 64 })))).toThrow(/larger than the 44 transfer images/);
  });
});

describe('loss history', () => {
  it('keeps every step, averaged in power-of-two buckets under MAX_LOSS_POINTS', () => {
    const h = emptyHistory();
    const n = 5000;
    const terms = (v: number) => Object.fromEntries(lossTermNames.map((t) => [t, v])) as StepResult['terms'];
    for (let s = 1; s <= n; s++) addLoss(h, { step: s, total: s, terms: terms(2 * s) });
    expect(h.losses.length).toBeLessThan(MAX_LOSS_POINTS);
    expect(h.stride).toBe(8);
    expect(h.losses.every((p) => p.steps === h.stride)).toBe(true);
    const all = [...h.losses, ...(h.pending ? [h.pending] : [])];
    expect(all.reduce((s, p) => s + p.steps, 0)).toBe(n);
    expect(all[all.length - 1].step).toBe(n);
    expect(h.losses[0]).toMatchObject({ step: 8, total: 4.5 }); // mean of steps 1..8
    expect(h.losses[0].terms.kd).toBe(9);
    const mean = all.reduce((s, p) => s + p.total * p.steps, 0) / n;
    expect(mean).toBeCloseTo((n + 1) / 2, 9);
  });
});
