import type { CheckpointSummary, LossTerms, TrainingPreparingEvent, TrainingStateResult, WorkerEvent } from '../../protocol/messages';

/** Where the run in the worker is, built from its events and the answers to our calls. */
export interface RunProgress extends Pick<TrainingStateResult, 'state' | 'message' | 'runId' | 'step' | 'totalSteps' | 'epoch'> {
  imagesPerSecond: number | null;
  etaSeconds: number | null;
  loss: { total: number; terms: LossTerms } | null;
  accuracy: { step: number; joint: number } | null;
  /** A stored checkpoint the page can resume from (after a reload). */
  offer: CheckpointSummary | null;
  /** Training events received: a test can see that none arrive after a stop. */
  updates: number;
  /** A call in flight: the commands wait for it. */
  busy: boolean;
  error: string | null;
  /** The target builder's pass over the transfer set while it runs (before the first step); null otherwise. */
  preparing: TrainingPreparingEvent | null;
}

export const initialProgress: RunProgress = {
  state: 'idle',
  message: null,
  runId: null,
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
  preparing: null,
};

/** The progress after one worker event; events that are not about training leave it as it was. */
export function progressOnEvent(p: RunProgress, event: WorkerEvent): RunProgress {
  const seen = { ...p, updates: p.updates + 1 };
  switch (event.kind) {
    case 'training-step': {
      const { step, totalSteps, epoch, imagesPerSecond, etaSeconds, total, terms } = event.step;
      return { ...seen, step, totalSteps, epoch, imagesPerSecond, etaSeconds, loss: { total, terms }, preparing: null };
    }
    case 'training-evaluation':
      return { ...seen, accuracy: { step: event.evaluation.step, joint: event.evaluation.jointAccuracy } };
    case 'training-status': {
      const { state, message, runId, step } = event.status;
      return { ...seen, state, message: message ?? null, runId, step: Math.max(p.step, step), preparing: state === 'running' ? p.preparing : null };
    }
    case 'training-preparing':
      return { ...seen, preparing: event.preparing };
    case 'training-embedding':
    case 'training-ownership':
      return seen;
    default:
      return p;
  }
}

/** The progress after a control call answered with the worker's state. */
export function progressOnState(p: RunProgress, s: TrainingStateResult): RunProgress {
  const loss = s.lastLoss ? { total: s.lastLoss.total, terms: s.lastLoss.terms } : p.loss;
  // Tagged with the step it was measured at: evaluations come every few steps, not at each.
  const accuracy = s.latestAccuracy === null ? p.accuracy : { step: s.latestAccuracyStep ?? p.accuracy?.step ?? s.step, joint: s.latestAccuracy };
  const offer = s.state === 'running' ? null : p.offer;
  const { state, message, runId, step, totalSteps, epoch } = s;
  const preparing = state === 'running' ? p.preparing : null;
  return { ...p, state, message, runId, step, totalSteps, epoch, loss, accuracy, offer, busy: false, error: null, preparing };
}

const seconds = (s: number) => (s >= 90 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

/** The pre-pass in words: what the page shows between Start and the first step. */
export const preparingText = ({ done, total }: TrainingPreparingEvent): string =>
  `Deciding who owns each image: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`;

export function progressText(p: RunProgress): string {
  if (p.preparing) return preparingText(p.preparing);
  if (p.totalSteps === 0) return 'not started';
  const parts = [`step ${p.step} of ${p.totalSteps}`, `epoch ${p.epoch}`];
  if (p.imagesPerSecond !== null) parts.push(`${Math.round(p.imagesPerSecond)} images/s`);
  if (p.etaSeconds !== null && p.state === 'running') parts.push(`about ${seconds(p.etaSeconds)} left`);
  return parts.join(' · ');
}

export function lossText(loss: RunProgress['loss']): string {
  if (!loss) return 'none yet';
  const terms = Object.entries(loss.terms).filter(([, v]) => v !== 0);
  return [`total ${loss.total.toFixed(4)}`, ...terms.map(([name, v]) => `${name} ${v.toFixed(4)}`)].join(', ');
}

export function accuracyText(accuracy: RunProgress['accuracy']): string {
  return accuracy ? `${(accuracy.joint * 100).toFixed(2)} % (step ${accuracy.step})` : 'not evaluated yet';
}

/** 0..1 for the progress bar. */
export const fractionDone = (p: RunProgress): number => (p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0);
