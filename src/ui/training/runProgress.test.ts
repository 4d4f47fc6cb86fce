import { describe, expect, it } from 'vitest';
import type { TrainingStateResult, WorkerEvent } from '../../protocol/messages';
import { accuracyText, fractionDone, initialProgress, lossText, progressOnEvent, progressOnState, progressText } from './runProgress';

const terms = { kd: 0.5, teacherKd: 0, intra: 0.25, inter: 0, align: 1, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };
const step: WorkerEvent = { kind: 'training-step', step: { step: 3, totalSteps: 20, epoch: 1, terms, total: 1.75, imagesPerSecond: 300.4, etaSeconds: 4 } };
const evaluation: WorkerEvent = {
  kind: 'training-evaluation',
  evaluation: { step: 3, jointAccuracy: 0.5, perTeacher: [], cohesion: {} as never, confusion: [] },
};

describe('progressOnEvent', () => {
  it('follows step, evaluation and status events and counts them', () => {
    let p = progressOnEvent(initialProgress, { kind: 'training-status', status: { state: 'running', runId: 'r', step: 0 } });
    p = progressOnEvent(p, step);
    p = progressOnEvent(p, evaluation);
    expect(p).toMatchObject({ state: 'running', runId: 'r', step: 3, totalSteps: 20, accuracy: { step: 3, joint: 0.5 }, updates: 3 });
    expect(progressText(p)).toBe('step 3 of 20 · epoch 1 · 300 images/s · about 4 s left');
    expect(lossText(p.loss)).toBe('total 1.7500, kd 0.5000, intra 0.2500, align 1.0000');
    expect(accuracyText(p.accuracy)).toBe('50.00 % (step 3)');
    expect(fractionDone(p)).toBeCloseTo(0.15);
  });

  it('ignores other events and never moves the step back on a late status', () => {
    expect(progressOnEvent(initialProgress, { kind: 'trial-row', row: {} as never })).toBe(initialProgress);
    const p = progressOnEvent(progressOnEvent(initialProgress, step), { kind: 'training-status', status: { state: 'paused', runId: 'r', step: 1 } });
    expect(p.step).toBe(3);
  });

  it('hides the ETA unless running', () => {
    const p = progressOnEvent(initialProgress, step);
    expect(progressText({ ...p, state: 'paused' })).toBe('step 3 of 20 · epoch 1 · 300 images/s');
    expect(progressText(initialProgress)).toBe('not started');
  });
});

describe('the pre-pass', () => {
  const preparing = (done: number): WorkerEvent => ({ kind: 'training-preparing', preparing: { done, total: 60000 } });
  const running = progressOnEvent(initialProgress, { kind: 'training-status', status: { state: 'running', runId: 'r', step: 0 } });

  it('shows how far the builder has got until the first step, which takes over', () => {
    const p = progressOnEvent(progressOnEvent(running, preparing(256)), preparing(12800));
    expect(progressText(p)).toBe('Deciding who owns each image: 12,800 of 60,000');
    expect(p.updates).toBe(3);
    expect(progressOnEvent(p, step).preparing).toBeNull();
    expect(progressOnEvent(p, { kind: 'training-ownership', ownership: {} as never }).preparing).toEqual(p.preparing);
  });

  it('is forgotten when the run stops or pauses during it', () => {
    const p = progressOnEvent(running, preparing(256));
    expect(progressOnEvent(p, { kind: 'training-status', status: { state: 'stopped', runId: 'r', step: 0 } }).preparing).toBeNull();
    const paused = { state: 'paused', message: null, runId: 'r', step: 0, totalSteps: 20, epoch: 1, lastLoss: null, latestAccuracy: null } as unknown as TrainingStateResult;
    expect(progressOnState(p, paused).preparing).toBeNull();
    expect(progressOnState(p, { ...paused, state: 'running' }).preparing).toEqual({ done: 256, total: 60000 });
  });
});

describe('progressOnState', () => {
  it('takes the answer, clears busy and error, and drops the resume offer once running', () => {
    const s = { state: 'running', message: null, runId: 'r', step: 5, totalSteps: 20, epoch: 1, lastLoss: null, latestAccuracy: 0.25 } as unknown as TrainingStateResult;
    const offer = { runId: 'old', step: 4, totalSteps: 20, savedAt: '', config: {} as never };
    const p = progressOnState({ ...initialProgress, busy: true, error: 'x', offer }, s);
    expect(p).toMatchObject({ state: 'running', step: 5, busy: false, error: null, offer: null, accuracy: { step: 5, joint: 0.25 } });
  });
});

// Issue 14, defect 7: "87.66 % (step 110)" for an evaluation made at step 100.
describe('the accuracy on screen', () => {
  it('is tagged with the step it was measured at, not the step the run is at', () => {
    const s = { state: 'paused', message: null, runId: 'r', step: 110, totalSteps: 200, epoch: 1, lastLoss: null, latestAccuracy: 0.8766, latestAccuracyStep: 100 } as unknown as TrainingStateResult;
    expect(accuracyText(progressOnState(initialProgress, s).accuracy)).toBe('87.66 % (step 100)');
  });
});
