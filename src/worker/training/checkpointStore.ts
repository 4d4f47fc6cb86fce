import type { Checkpoint } from '../../core/method/checkpoint';
import type { CheckpointSummary, TrainingCadence } from '../../protocol/messages';

/** One run's latest checkpoint, with what the page needs to offer it back. */
export interface StoredCheckpoint {
  runId: string;
  step: number;
  totalSteps: number;
  savedAt: string;
  cadence: TrainingCadence;
  checkpoint: Checkpoint;
}

export interface CheckpointStore {
  /** Replaces the run's previous checkpoint: only the newest one of a run is worth resuming. */
  put(record: StoredCheckpoint): Promise<void>;
  get(runId: string): Promise<StoredCheckpoint | undefined>;
  list(): Promise<CheckpointSummary[]>;
  /** True when there was one to delete. */
  delete(runId: string): Promise<boolean>;
}

export function summarize({ runId, step, totalSteps, savedAt, checkpoint }: StoredCheckpoint): CheckpointSummary {
  return { runId, step, totalSteps, savedAt, config: checkpoint.config };
}

/** Newest first by save time. */
export function newestFirst(summaries: CheckpointSummary[]): CheckpointSummary[] {
  return [...summaries].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** An in-memory store: Node tests, and a fallback where IndexedDB is missing. */
export function memoryCheckpointStore(): CheckpointStore {
  const records = new Map<string, StoredCheckpoint>();
  return {
    put: async (record) => void records.set(record.runId, structuredClone(record)),
    get: async (runId) => structuredClone(records.get(runId)),
    list: async () => newestFirst([...records.values()].map(summarize)),
    delete: async (runId) => records.delete(runId),
  };
}
