import { describe, expect, it } from 'vitest';
import type { EmbeddingSnapshot, TrainingEvaluationEvent, WorkerEvent } from '../../protocol/messages';
import { seriesPoints } from '../charts/boundedSeries';
import { createStudioStore } from './studioStore';
import { MAX_EVALUATIONS, MAX_LOSS_RECORDS } from './trainingSlice';

const terms = { kd: 1, teacherKd: 0, intra: 0, inter: 0, align: 0, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };
const stepEvent = (step: number): WorkerEvent => ({
  kind: 'training-step',
  step: { step, totalSteps: 10_000, epoch: 1, terms: { ...terms, kd: step }, total: step, imagesPerSecond: 100, etaSeconds: 1 },
});
const evaluation = (step: number): TrainingEvaluationEvent => ({ step, jointAccuracy: step / 1000, perTeacher: [], cohesion: {} as never, confusion: [[1]] });
const frame = (step: number) => ({ step }) as EmbeddingSnapshot;

describe('training slice', () => {
  it('records loss points per step, bounded however long the run', () => {
    const store = createStudioStore();
    for (let s = 1; s <= 5000; s++) store.getState().receiveEvent(stepEvent(s));
    const { lossSeries, progress } = store.getState();
    const points = seriesPoints(lossSeries);
    expect(points.length).toBeLessThanOrEqual(MAX_LOSS_RECORDS);
    expect(points.length).toBeGreaterThan(MAX_LOSS_RECORDS / 4);
    expect(points.at(-1)!.step).toBe(5000);
    expect(progress.step).toBe(5000);
    expect(progress.updates).toBe(5000);
  });

  it('keeps evaluations (bounded, newest kept) and the last two embedding frames', () => {
    const store = createStudioStore();
    for (let s = 1; s <= MAX_EVALUATIONS + 1; s++) store.getState().receiveEvent({ kind: 'training-evaluation', evaluation: evaluation(s) });
    store.getState().receiveEvent({ kind: 'training-embedding', snapshot: frame(10) });
    store.getState().receiveEvent({ kind: 'training-embedding', snapshot: frame(20) });
    const { evaluations, embedding, progress } = store.getState();
    expect(evaluations.length).toBeLessThanOrEqual(MAX_EVALUATIONS);
    expect(evaluations.at(-1)!.step).toBe(MAX_EVALUATIONS + 1);
    expect(embedding.current!.step).toBe(20);
    expect(embedding.previous!.step).toBe(10);
    expect(progress.accuracy).toEqual({ step: MAX_EVALUATIONS + 1, joint: (MAX_EVALUATIONS + 1) / 1000 });
  });

  it('ignores events that are not about training (state objects stay the same)', () => {
    const store = createStudioStore();
    const before = store.getState();
    store.getState().receiveEvent({ kind: 'trial-row', row: {} as never });
    expect(store.getState().progress).toBe(before.progress);
  });

  it('beginRun clears the last run but keeps progress and the cadence', () => {
    const store = createStudioStore();
    store.getState().setEvaluateEvery(25);
    store.getState().receiveEvent(stepEvent(1));
    store.getState().receiveEvent({ kind: 'training-embedding', snapshot: frame(1) });
    store.getState().beginRun({ preset: 'cka' } as never);
    const s = store.getState();
    expect(seriesPoints(s.lossSeries)).toEqual([]);
    expect(s.embedding).toEqual({ current: null, previous: null });
    expect(s.evaluateEvery).toBe(25);
    expect(s.activeConfig).toEqual({ preset: 'cka' });
  });

  it('busy then failed shows the error and frees the commands', () => {
    const store = createStudioStore();
    store.getState().markBusy();
    expect(store.getState().progress.busy).toBe(true);
    store.getState().markFailed('bad-config: config.tau must be ...');
    expect(store.getState().progress).toMatchObject({ busy: false, error: 'bad-config: config.tau must be ...' });
  });
});
