import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImages } from '../data/labelledImages';
import type { Teacher } from '../teachers/loadTeacher';
import { useNodeBackend } from '../../node/wasmBackend';
import type { StepResult } from './amalgamation';
import { lossTermNames } from './amalgamationLoss';
import { CheckpointMismatchError, namedVariables, restoreSession, saveCheckpoint, type Checkpoint } from './checkpoint';
import type { RunConfig } from './config';
import { digitNames, expectSameLosses, memoryTeacher, smallTeachers, snapshot, syntheticLabelled, useCpuBackend } from './testFixtures';
import { createTrainingSession, type SessionState, type TrainingSession } from './trainingSession';
import { configFromPreset, type ConfigOverrides } from './resolveConfig';

/**
 * Train N steps, checkpoint, train M more (losses L); restore the checkpoint into a fresh
 * session and train M steps: the losses must be L again. 40 transfer images in batches of 8
 * give 5 steps per epoch, so N = 2, M = 5 crosses an epoch end (and its evaluation). N = 2 is
 * also where float32 pow(0.999, N + 1), which Adam's setWeights uses, differs from the running
 * product Adam keeps (N = 3 would not show it): restoring without Adam's own powers drifts here.
 */

const SMALL: ConfigOverrides = { studentWidth: 4, projectionSize: 16, batchSize: 8, learningRate: 1e-2, transferLimit: 40, epochs: 2 };
const N = 2;
const M = 5;

let teachers: Teacher[];
const train = syntheticLabelled(100, 1);
const test = syntheticLabelled(40, 2);
const sessionFor = (config: RunConfig) => createTrainingSession({ config, teachers, train, test, backend: tf.getBackend() });
const restore = (cp: Checkpoint, over: { teachers?: Teacher[]; train?: LabelledImages; config?: RunConfig } = {}) =>
  restoreSession(cp, { teachers, train, test, backend: tf.getBackend(), ...over });

async function steps(session: TrainingSession, n: number): Promise<StepResult[]> {
  const out: StepResult[] = [];
  for (let i = 0; i < n; i++) out.push((await session.step()).result);
  return out;
}

/** The state without wall-clock fields, which no resume can reproduce. */
function withoutTimes(s: SessionState) {
  return { ...s, epochTotals: { ...s.epochTotals, seconds: 0 }, history: { ...s.history, epochs: s.history.epochs.map((e) => ({ ...e, seconds: 0 })) } };
}

const weights = (s: TrainingSession) => snapshot(namedVariables(s.amalgamation).map((n) => n.variable));

/** N steps, checkpoint, M steps; the checkpoint and what followed it. */
async function original(config: RunConfig) {
  const session = sessionFor(config);
  await steps(session, N);
  const checkpoint = await saveCheckpoint(session);
  const after = await steps(session, M);
  return { session, checkpoint, after };
}

function hasTensor(x: unknown): boolean {
  if (x instanceof tf.Tensor) return true;
  if (typeof x !== 'object' || x === null || ArrayBuffer.isView(x) || x instanceof ArrayBuffer) return false;
  return Object.values(x).some(hasTensor);
}

describe('checkpoints (cpu)', () => {
  const cka = configFromPreset('cka', SMALL);
  let run: Awaited<ReturnType<typeof original>>;

  beforeAll(async () => {
    await useCpuBackend();
    teachers = await smallTeachers();
    run = await original(cka);
  });

  it('restoring and training M steps gives bitwise the same losses, weights and state', async () => {
    const restored = await restore(run.checkpoint);
    expect(restored.position).toEqual({ epoch: 0, batch: N });
    expectSameLosses(await steps(restored, M), run.after);
    expect(withoutTimes(restored.state())).toEqual(withoutTimes(run.session.state()));
    expect(weights(restored)).toEqual(weights(run.session));
    await restored.dispose();
  });

  it('self-refinement resumes exactly: the reassigned owners travel in the checkpoint', async () => {
    // A young student on noise is never sure, hence the low threshold (stability still applies).
    // Disjoint teachers (the small pair shares '4', which a young student on noise always picks,
    // and a shared class never contradicts its owner). 5 steps per epoch; the checkpoint at step
    // 7 holds epoch 1's refinement, and the 6 steps after it cross epoch 2's end, which refines
    // again from the resumed student.
    const disjoint = await Promise.all([
      memoryTeacher({ id: 'mlp-0-4', labels: digitNames(0, 4), architecture: 'mlp', seed: 3 }),
      memoryTeacher({ id: 'lenet-5-9', labels: digitNames(5, 9), architecture: 'lenet5', seed: 4 }),
    ]);
    const config = configFromPreset('cka', { ...SMALL, teachers: ['mlp-0-4', 'lenet-5-9'], epochs: 3, refine: 'student', refineThreshold: 0.15, refineMaxShare: 0.5 });
    const session = createTrainingSession({ config, teachers: disjoint, train, test, backend: tf.getBackend() });
    await steps(session, 7);
    const checkpoint = await saveCheckpoint(session);
    expect(checkpoint.refinement?.epoch).toBe(1);
    expect(checkpoint.refinement?.indices.length, 'the student reassigned some owners').toBeGreaterThan(0);
    expect(checkpoint.refinement?.indices.length, 'at most half the 40 images').toBeLessThanOrEqual(20);
    expect(session.history.epochs[0].refinement?.changed).toBe(checkpoint.refinement?.indices.length);
    const after = await steps(session, 6);
    expect(session.state().refinement?.epoch).toBe(2);
    const restored = await restore(structuredClone(checkpoint), { teachers: disjoint });
    expectSameLosses(await steps(restored, 6), after);
    expect(withoutTimes(restored.state())).toEqual(withoutTimes(session.state()));
    await Promise.all([session.dispose(), restored.dispose()]);
    disjoint.forEach((t) => t.dispose());
  });

  it("a student whose trunk is a teacher's copy resumes exactly, frozen or fine-tuned, and refuses a scratch checkpoint", async () => {
    for (const studentTrunk of ['teacher-frozen', 'teacher-finetune'] as const) {
      const config = configFromPreset('cka', { ...SMALL, studentTrunk, studentTrunkTeacher: 1 });
      const { session, checkpoint, after } = await original(config);
      // Every trunk weight travels, the frozen ones too: a restore must not depend on the teacher's copy being redone alike.
      expect(checkpoint.variables.length).toBe(namedVariables(session.amalgamation).length);
      expect(new Set(checkpoint.variables.map((v) => v.name)).size).toBe(checkpoint.variables.length);
      const restored = await restore(structuredClone(checkpoint));
      expectSameLosses(await steps(restored, M), after);
      expect(weights(restored)).toEqual(weights(session));
      await expect(restore(run.checkpoint, { config })).rejects.toThrow(/config\.studentTrunk: checkpoint "scratch", here "teacher/);
      await Promise.all([session.dispose(), restored.dispose()]);
    }
  });

  it('is plain data: no tensors, survives structuredClone, restores in any variable order', async () => {
    expect(hasTensor(run.checkpoint)).toBe(false);
    const cp = structuredClone(run.checkpoint);
    for (const v of cp.variables) expect(v.data.byteLength).toBe(4 * v.shape.reduce((a, b) => a * b, 1));
    expect(cp.optimizer.iterations).toBe(N);
    expect(cp.optimizer.slots.length).toBe(2 * cp.variables.length); // adam: m and v for every variable (cka trains them all)
    cp.variables.reverse();
    cp.optimizer.slots.reverse(); // v before m, last variable first
    const restored = await restore(cp);
    expectSameLosses(await steps(restored, M), run.after);
    await restored.dispose();
  });

  it('refuses a checkpoint of another config, teacher set or data set, naming what differs, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: Error) => (e instanceof CheckpointMismatchError ? e.message : `wrong error: ${e.message}`));
    expect(await refusal(restore(run.checkpoint, { config: { ...cka, studentWidth: 8 } }))).toMatch(/config\.studentWidth: checkpoint 4, here 8/);
    expect(await refusal(restore(run.checkpoint, { teachers: [...teachers].reverse() }))).toMatch(/teachers: checkpoint \[mlp-0-4, lenet-4-9\], here \[lenet-4-9, mlp-0-4\]/);
    const retrained = await smallTeachers(7); // same ids and labels, other weights
    expect(await refusal(restore(run.checkpoint, { teachers: retrained }))).toMatch(/teacher mlp-0-4\.weights: checkpoint "[0-9a-f]{8}", here "[0-9a-f]{8}".*teacher lenet-4-9\.weights/);
    retrained.forEach((t) => t.dispose());
    expect(await refusal(restore(run.checkpoint, { train: syntheticLabelled(100, 9) }))).toMatch(/train\.source: checkpoint "synthetic-1", here "synthetic-9"/);
    const wider = { ...run.checkpoint, variables: run.checkpoint.variables.map((v, i) => (i === 0 ? { ...v, shape: [3, 3, 1, 8] } : v)) };
    expect(await refusal(restore(wider))).toMatch(/variable student\/1\/kernel: checkpoint float32\[3,3,1,8\], here float32\[3,3,1,4\]/);
    await expect(restore({} as Checkpoint)).rejects.toThrow(/not a version-1 CKA Studio checkpoint/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('checkpoints (wasm)', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    teachers = await smallTeachers();
  });

  it.each([
    ['cfl (decoders)', configFromPreset('cfl', SMALL)],
    ['kd with sgd', configFromPreset('kd', { ...SMALL, optimizer: 'sgd' })],
    ['cka multi-head', configFromPreset('cka', { ...SMALL, taskMode: 'multi-head' })],
  ])('%s resumes bitwise on wasm', async (_, config) => {
    const run = await original(config);
    const restored = await restore(run.checkpoint);
    expectSameLosses(await steps(restored, M), run.after);
    await Promise.all([run.session.dispose(), restored.dispose()]);
  });

  it('a wasm checkpoint resumes on cpu with losses within 1e-4', async () => {
    const run = await original(configFromPreset('cka', SMALL));
    await run.session.dispose();
    await tf.setBackend('cpu');
    try {
      const restored = await restore(run.checkpoint);
      const after = await steps(restored, M);
      await restored.dispose();
      after.forEach((r, i) => {
        expect(Math.abs(r.total - run.after[i].total)).toBeLessThanOrEqual(1e-4);
        for (const n of lossTermNames) expect(Math.abs(r.terms[n] - run.after[i].terms[n])).toBeLessThanOrEqual(1e-4);
      });
    } finally {
      await tf.setBackend('wasm');
    }
  });

  it('leaks no tensor or byte over 200+ steps with save/restore cycles (cka, width 4)', async () => {
    const config = configFromPreset('cka', { ...SMALL, transferLimit: 80, epochs: 25 }); // 10 steps per epoch
    let session = sessionFor(config);
    await session.run({ steps: 10 });
    const memory = () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes });
    const atStep10 = memory();
    for (const until of [60, 115, 160]) {
      await session.run({ steps: until - session.amalgamation.step });
      const restored = await restore(await saveCheckpoint(session));
      await session.dispose();
      session = restored;
      expect(memory(), `after the save/restore cycle at step ${until}`).toEqual(atStep10);
    }
    await session.run({ steps: 200 - session.amalgamation.step, evaluateEvery: 50 });
    expect(session.amalgamation.step).toBe(200);
    expect(memory()).toEqual(atStep10);
    await session.dispose();
  }, 60_000);
});
