import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrainingWorkerClient } from '../../protocol/client';
import { errorText } from '../../protocol/errors';
import type { BackendName, CheckpointSummary } from '../../protocol/messages';
import { studioStore } from '../store/studioStore';
import { showResumedRun } from './trainingCommands';
import { checkpointToOffer, problemFromCrash, problemFromEvent, type RecoveryProblem } from './recoveryProblem';

export interface WorkerRecovery {
  /** What stopped training, or null while nothing did. */
  problem: RecoveryProblem | null;
  /** The checkpoint resume() would load; null while looking or when none is stored. */
  checkpoint: CheckpointSummary | null;
  phase: 'idle' | 'looking' | 'resuming';
  /** How the last resume went, in words ("Resumed on wasm from step 12", or why it failed). */
  note: string | null;
  /** Re-initialises the worker on `backend` (a new worker if it crashed) and resumes the checkpoint. */
  resume(backend: BackendName): void;
}


/** Follows `client` for a lost device, a crashed worker or a failed run, and resumes from the last checkpoint. */
export function useWorkerRecovery(client: TrainingWorkerClient): WorkerRecovery {
  const [problem, setProblem] = useState<RecoveryProblem | null>(null);
  const [checkpoint, setCheckpoint] = useState<CheckpointSummary | null>(null);
  const [phase, setPhase] = useState<WorkerRecovery['phase']>('idle');
  const [note, setNote] = useState<string | null>(null);
  // A crash says nothing about the run, so remember the last one the worker named.
  const runId = useRef<string | null>(null);

  const found = useCallback(
    (next: RecoveryProblem) => {
      setProblem(next);
      setCheckpoint(null);
      setPhase('looking');
      // IndexedDB outlives the worker: after a crash this call starts a fresh one to read it.
      client.call({ kind: 'listCheckpoints' }).then(
        (list) => (setCheckpoint(checkpointToOffer(list, next.runId)), setPhase('idle')),
        (error: unknown) => (setNote(`Could not read the stored checkpoints: ${errorText(error)}`), setPhase('idle')),
      );
    },
    [client],
  );

  useEffect(() => {
    const offEvents = client.on((event) => {
      if (event.kind === 'training-status' && event.status.runId) {
        // A note about another run (how its resume went) is old news once a new run starts.
        if (event.status.runId !== runId.current && runId.current !== null) setNote(null);
        runId.current = event.status.runId;
      }
      const next = problemFromEvent(event);
      if (next === 'cleared') setProblem(null);
      else if (next) found(next);
    });
    const offCrash = client.onCrash((error) => found(problemFromCrash(error, runId.current)));
    return () => (offEvents(), offCrash());
  }, [client, found]);

  const resume = useCallback(
    (backend: BackendName) => {
      if (!checkpoint) return;
      setPhase('resuming');
      setNote(null);
      (async () => {
        const init = await client.call({ kind: 'init', backend });
        const state = await client.call({ kind: 'resumeFromCheckpoint', runId: checkpoint.runId });
        // The panels and charts catch up beside the run: awaiting them here would clear a
        // problem the resumed run reports meanwhile (a NaN again at the same step).
        showResumedRun({ store: studioStore, worker: client }, state).catch(() => undefined); // the run goes on without its past on screen
        return `Resumed on ${init.backend} from step ${checkpoint.step} (now at step ${state.step}).`;
      })().then(
        (done) => (setProblem(null), setNote(done), setPhase('idle')),
        (error: unknown) => (setNote(`Resume failed: ${errorText(error)}`), setPhase('idle')),
      );
    },
    [client, checkpoint],
  );

  return { problem, checkpoint, phase, note, resume };
}
