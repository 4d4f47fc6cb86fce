import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../protocol/messages';
import { enabledButtons, initialView, lossText, progressText, trainingReducer } from './trainingView';

const terms = { kd: 0.5, intra: 0.25, inter: 0, align: 1, cflMmd: 0, cflReconstruction: 0, supervised: 0 };
const step: WorkerEvent = { kind: 'training-step', step: { step: 3, totalSteps: 20, epoch: 1, terms, total: 1.75, imagesPerSecond: 300.4, etaSeconds: 4 } };

describe('trainingReducer', () => {
  it('follows step, evaluation and status events and counts them', () => {
    let view = trainingReducer(initialView, { type: 'event', event: { kind: 'training-status', status: { state: 'running', runId: 'r', step: 0 } } });
    view = trainingReducer(view, { type: 'event', event: step });
    view = trainingReducer(view, { type: 'event', event: { kind: 'training-evaluation', evaluation: { step: 3, jointAccuracy: 0.5, perTeacher: [], cohesion: {} as never } } });
    expect(view).toMatchObject({ state: 'running', step: 3, totalSteps: 20, accuracy: { step: 3, joint: 0.5 }, updates: 3 });
    expect(progressText(view)).toBe('step 3 of 20 · epoch 1 · 300 images/s · about 4 s left');
    expect(lossText(view.loss)).toBe('total 1.7500, kd 0.5000, intra 0.2500, align 1.0000');
  });

  it('ignores other workers events and enables the buttons the state allows', () => {
    const view = trainingReducer(initialView, { type: 'event', event: { kind: 'probe-row', row: {} as never } });
    expect(view).toBe(initialView);
    expect([...enabledButtons(view)]).toEqual(['start']);
    expect([...enabledButtons({ ...view, state: 'paused' })]).toEqual(['resume', 'step', 'stop']);
    expect(enabledButtons({ ...view, state: 'paused', busy: true }).size).toBe(0);
  });
});
