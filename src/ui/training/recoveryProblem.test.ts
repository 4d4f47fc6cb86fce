import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { CheckpointSummary } from '../../protocol/messages';
import { checkpointToOffer, problemFromCrash, problemFromEvent } from './recoveryProblem';

const summary = (runId: string, savedAt: string, step: number) => ({ runId, savedAt, step, totalSteps: 100 }) as CheckpointSummary;

describe('recovery problems', () => {
  it('names a lost device and a failed run, clears on running, and ignores other news', () => {
    const lost = { reason: 'destroyed', message: 'Device was destroyed.', runId: 'run-a', lastCheckpointStep: 4 };
    expect(problemFromEvent({ kind: 'device-lost', lost })).toEqual({
      kind: 'device-lost',
      message: 'The WebGPU device was lost (destroyed: Device was destroyed.). Training stopped.',
      runId: 'run-a',
    });
    const failed = { state: 'failed' as const, message: 'Training stopped: loss became NaN at step 2.', runId: 'run-b', step: 2 };
    expect(problemFromEvent({ kind: 'training-status', status: failed })).toMatchObject({ kind: 'training-failed', message: failed.message, runId: 'run-b' });
    expect(problemFromEvent({ kind: 'training-status', status: { state: 'running', runId: 'run-b', step: 2 } })).toBe('cleared');
    expect(problemFromEvent({ kind: 'training-status', status: { state: 'paused', runId: 'run-b', step: 2 } })).toBeNull();
  });

  it('words a crash with the client error', () => {
    const error = new WorkerCallError({ code: 'worker-crashed', message: 'it was terminated or crashed' });
    expect(problemFromCrash(error, 'run-c')).toEqual({ kind: 'worker-crashed', message: 'The training worker stopped unexpectedly (it was terminated or crashed).', runId: 'run-c' });
  });

  it("offers the stopped run's checkpoint, else the newest", () => {
    const list = [summary('old', '2026-01-01T00:00:00Z', 5), summary('new', '2026-02-01T00:00:00Z', 9)];
    expect(checkpointToOffer(list, 'old')?.runId).toBe('old');
    expect(checkpointToOffer(list, 'gone')?.runId).toBe('new');
    expect(checkpointToOffer([], null)).toBeNull();
  });
});
