import type { WorkerCallError } from '../../protocol/errors';
import type { CheckpointSummary, WorkerEvent } from '../../protocol/messages';

/** Why training stopped without being asked to, in words for the page. */
export interface RecoveryProblem {
  kind: 'worker-crashed' | 'device-lost' | 'training-failed';
  message: string;
  /** The run that was training, when known: its checkpoint is the one to offer. */
  runId: string | null;
}

/**
 * The problem a worker event reports, null for news that is not one, or 'cleared' when
 * training runs again (resumed here, or started from the training panel).
 */
export function problemFromEvent(event: WorkerEvent): RecoveryProblem | 'cleared' | null {
  if (event.kind === 'device-lost') {
    const { reason, message, runId } = event.lost;
    return { kind: 'device-lost', message: `The WebGPU device was lost (${reason}: ${message}). Training stopped.`, runId };
  }
  if (event.kind !== 'training-status') return null;
  const { state, message, runId } = event.status;
  if (state === 'running') return 'cleared';
  if (state !== 'failed') return null;
  return { kind: 'training-failed', message: message ?? 'Training failed.', runId };
}

export function problemFromCrash(error: WorkerCallError, runId: string | null): RecoveryProblem {
  return { kind: 'worker-crashed', message: `The training worker stopped unexpectedly (${error.message}).`, runId };
}

/** The checkpoint of the run that stopped, else the newest one stored. */
export function checkpointToOffer(checkpoints: CheckpointSummary[], runId: string | null): CheckpointSummary | null {
  const own = checkpoints.find((c) => c.runId === runId);
  if (own) return own;
  return [...checkpoints].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0] ?? null;
}
