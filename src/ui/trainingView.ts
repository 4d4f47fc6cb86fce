import type { CheckpointSummary, TrainingStateName, TrainingStateResult, WorkerEvent, LossTerms } from '../protocol/messages';

/** What the training panel shows, built from worker events and call results. */
export interface TrainingView {
  state: TrainingStateName;
  message: string | null;
  step: number;
  totalSteps: number;
  epoch: number;
  imagesPerSecond: number | null;
  etaSeconds: number | null;
  loss: { total: number; terms: LossTerms } | null;
  accuracy: { step: number; joint: number } | null;
  /** A stored checkpoint the page can resume from (after a reload). */
  offer: CheckpointSummary | null;
  /** Training events received: a test can see that none arrive after a stop. */
  updates: number;
  /** A call in flight: the buttons wait for it. */
  busy: boolean;
  error: string | null;
}

export type TrainingAction =
  | { type: 'event'; event: WorkerEvent }
  | { type: 'state'; state: TrainingStateResult }
  | { type: 'offer'; offer: CheckpointSummary | null }
  | { type: 'busy' }
  | { type: 'error'; message: string };

export const initialView: TrainingView = {
  state: 'idle',
  message: null,
  step: 0,
  totalSteps: 0,
  epoch: 1,
  imagesPerSecond: null,
  etaSeconds: null,
  loss: null,
  accuracy: null,
  offer: null,
  updates: 0,
  busy: false,
  error: null,
};

function onEvent(view: TrainingView, event: WorkerEvent): TrainingView {
  const seen = { ...view, updates: view.updates + 1 };
  switch (event.kind) {
    case 'training-step': {
      const { step, totalSteps, epoch, imagesPerSecond, etaSeconds, total, terms } = event.step;
      return { ...seen, step, totalSteps, epoch, imagesPerSecond, etaSeconds, loss: { total, terms } };
    }
    case 'training-evaluation':
      return { ...seen, accuracy: { step: event.evaluation.step, joint: event.evaluation.jointAccuracy } };
    case 'training-status':
      return { ...seen, state: event.status.state, message: event.status.message ?? null, step: Math.max(view.step, event.status.step) };
    case 'training-embedding':
      return seen;
    default:
      return view; // not a training event
  }
}

function onState(view: TrainingView, s: TrainingStateResult): TrainingView {
  const loss = s.lastLoss ? { total: s.lastLoss.total, terms: s.lastLoss.terms } : view.loss;
  const accuracy = s.latestAccuracy === null ? view.accuracy : { step: s.step, joint: s.latestAccuracy };
  const offer = s.state === 'running' ? null : view.offer;
  return { ...view, state: s.state, message: s.message, step: s.step, totalSteps: s.totalSteps, epoch: s.epoch, loss, accuracy, offer, busy: false, error: null };
}

export function trainingReducer(view: TrainingView, action: TrainingAction): TrainingView {
  switch (action.type) {
    case 'event':
      return onEvent(view, action.event);
    case 'state':
      return onState(view, action.state);
    case 'offer':
      return { ...view, offer: action.offer };
    case 'busy':
      return { ...view, busy: true, error: null };
    case 'error':
      return { ...view, busy: false, error: action.message };
  }
}

export type TrainingButton = 'start' | 'pause' | 'resume' | 'step' | 'stop';

/** Which buttons the state allows; every one waits for the call in flight. */
export function enabledButtons(view: TrainingView): Set<TrainingButton> {
  if (view.busy) return new Set();
  const byState: Record<TrainingStateName, TrainingButton[]> = {
    idle: ['start'],
    running: ['pause', 'stop'],
    paused: ['resume', 'step', 'stop'],
    stopped: ['start'],
    complete: ['start', 'stop'],
    failed: ['start', 'stop'],
  };
  return new Set(byState[view.state]);
}

const seconds = (s: number) => (s >= 90 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

export function progressText(view: TrainingView): string {
  if (view.totalSteps === 0) return 'not started';
  const parts = [`step ${view.step} of ${view.totalSteps}`, `epoch ${view.epoch}`];
  if (view.imagesPerSecond !== null) parts.push(`${Math.round(view.imagesPerSecond)} images/s`);
  if (view.etaSeconds !== null && view.state === 'running') parts.push(`about ${seconds(view.etaSeconds)} left`);
  return parts.join(' · ');
}

export function lossText(loss: TrainingView['loss']): string {
  if (!loss) return 'none yet';
  const terms = Object.entries(loss.terms).filter(([, v]) => v !== 0);
  return [`total ${loss.total.toFixed(4)}`, ...terms.map(([name, v]) => `${name} ${v.toFixed(4)}`)].join(', ');
}

export function accuracyText(accuracy: TrainingView['accuracy']): string {
  return accuracy ? `${(accuracy.joint * 100).toFixed(2)} % (step ${accuracy.step})` : 'not evaluated yet';
}
