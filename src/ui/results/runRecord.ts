import type { RunConfig, TrainingEvaluationEvent } from '../../protocol/messages';
import { seriesPoints } from '../charts/boundedSeries';
import type { StudioState } from '../store/studioStore';
import type { LossRecord } from '../store/trainingSlice';

/**
 * What the studio saves about a run: its config (so the CLI can rerun it with --config),
 * where it got to, every evaluation it saw and its loss history. The CLI's record
 * (kind 'cka-studio-run') has per-epoch results; this one follows the live events.
 */
export interface BrowserRunRecord {
  kind: 'cka-studio-browser-run';
  version: 1;
  savedAt: string;
  runId: string | null;
  backend: string | null;
  state: string;
  step: number;
  totalSteps: number;
  config: RunConfig;
  final: TrainingEvaluationEvent | null;
  evaluations: TrainingEvaluationEvent[];
  losses: LossRecord[];
}

/** The record of the run on screen, or null before any run was configured. */
export function browserRunRecord(state: StudioState, backend: string | null, now = new Date()): BrowserRunRecord | null {
  const config = state.activeConfig;
  if (!config) return null;
  const { progress, evaluations, lossSeries } = state;
  return {
    kind: 'cka-studio-browser-run',
    version: 1,
    savedAt: now.toISOString(),
    runId: progress.runId,
    backend,
    state: progress.state,
    step: progress.step,
    totalSteps: progress.totalSteps,
    config,
    final: evaluations.at(-1) ?? null,
    evaluations,
    losses: seriesPoints(lossSeries),
  };
}

export const runRecordFileName = (r: BrowserRunRecord): string => `cka-run-${r.config.preset}-s${r.config.seed}-step${r.step}.json`;
