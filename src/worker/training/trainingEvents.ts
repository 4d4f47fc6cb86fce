import { DEFAULT_PROBE_PER_CLASS } from '../../core/evaluation/probeSet';
import { NonFiniteLossError } from '../../core/method/amalgamation';
import type { EvaluationPoint, SessionHistory, StepProgress } from '../../core/method/trainingSession';
import type { LossSummary, TrainingCadence, TrainingEvaluationEvent, TrainingHistoryResult, TrainingStepEvent } from '../../protocol/messages';
import { errorMessage } from '../../protocol/errors';

/** Seconds of training a reload may lose at most (plus the save itself): the time-based checkpoint's period. */
export const DEFAULT_CHECKPOINT_SECONDS = 15;

export const DEFAULT_CADENCE: TrainingCadence = {
  evaluateEvery: 50,
  checkpointEvery: 100,
  checkpointSeconds: DEFAULT_CHECKPOINT_SECONDS,
  stepEventsPerSecond: 10,
  projection: 'pca',
  probePerClass: DEFAULT_PROBE_PER_CLASS,
};

export function resolveCadence(base: TrainingCadence, change: Partial<TrainingCadence> = {}): TrainingCadence {
  return {
    evaluateEvery: change.evaluateEvery ?? base.evaluateEvery,
    checkpointEvery: change.checkpointEvery ?? base.checkpointEvery,
    checkpointSeconds: change.checkpointSeconds ?? base.checkpointSeconds ?? DEFAULT_CHECKPOINT_SECONDS,
    stepEventsPerSecond: change.stepEventsPerSecond ?? base.stepEventsPerSecond,
    projection: change.projection ?? base.projection,
    probePerClass: change.probePerClass ?? base.probePerClass ?? DEFAULT_PROBE_PER_CLASS,
  };
}

export function stepEvent(p: StepProgress): TrainingStepEvent {
  const { step, totalSteps, epoch, imagesPerSecond, etaSeconds } = p;
  return { step, totalSteps, epoch, terms: { ...p.result.terms }, total: p.result.total, imagesPerSecond, etaSeconds };
}

/** The headline numbers and the confusion matrix (the page draws it); per-class accuracies stay in the worker's history. */
export function evaluationEvent(point: EvaluationPoint): TrainingEvaluationEvent {
  const { jointAccuracy, perTeacher, cohesion, confusion } = point.evaluation;
  return { step: point.step, jointAccuracy, perTeacher, cohesion, confusion };
}

/** The session's histories in the protocol's words: the loss points (the partial bucket last) and every evaluation. */
export function historyResult(runId: string | null, history: Readonly<SessionHistory> | undefined): TrainingHistoryResult {
  if (!history) return { runId, losses: [], evaluations: [] };
  const points = history.pending ? [...history.losses, history.pending] : history.losses;
  const losses = points.map((p) => ({ step: p.step, total: p.total, terms: { ...p.terms } }));
  return { runId, losses, evaluations: history.evaluations.map(evaluationEvent) };
}

/** The newest loss point: the partial bucket when there is one, as it holds the latest steps. */
export function lastLoss(history: Readonly<SessionHistory>): LossSummary | null {
  const point = history.pending ?? history.losses.at(-1);
  return point ? { step: point.step, total: point.total, terms: { ...point.terms } } : null;
}

/** What a failed run left to resume from, in words. */
export function checkpointNote(lastCheckpointStep: number | null): string {
  return lastCheckpointStep === null ? 'No checkpoint was saved yet.' : `The last good checkpoint (step ${lastCheckpointStep}) is kept.`;
}

/** Why a run failed, in words for the status line, and what is left to resume from. */
export function failureMessage(error: unknown, lastCheckpointStep: number | null): string {
  const kept = checkpointNote(lastCheckpointStep);
  if (error instanceof NonFiniteLossError) return `Training stopped: ${error.message}. ${kept}`;
  return `Training failed: ${errorMessage(error)}. ${kept}`;
}
