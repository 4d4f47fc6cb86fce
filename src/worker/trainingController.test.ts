import { describe, expect, it } from 'vitest';
import { NonFiniteLossError } from '../core/method/amalgamation';
import type { Checkpoint } from '../core/method/checkpoint';
import type { EmbeddingSnapshot } from '../core/method/embeddingSnapshot';
import type { RunOptions, StepProgress, TrainingSession } from '../core/method/trainingSession';
import type { WorkerEvent } from '../protocol/messages';
import { memoryCheckpointStore } from './checkpointStore';
import { TrainingController } from './trainingController';

const terms = { kd: 1, intra: 0, inter: 0, align: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };

/** A session that counts steps without tensors; step `nanAt` throws like a diverged loss. */
function fakeSession(totalSteps: number, nanAt = Infinity): TrainingSession {
  const amalgamation = { step: 0 };
  const history = { losses: [], stride: 1, pending: null, evaluations: [], epochs: [] };
  let disposed = false;
  const advance = async (): Promise<StepProgress> => {
    if (disposed) throw new Error('disposed');
    if (amalgamation.step + 1 === nanAt) throw new NonFiniteLossError(amalgamation.step, { ...terms, kd: NaN });
    amalgamation.step++;
    const result = { step: amalgamation.step, total: 1, terms };
    return { epoch: 1, step: amalgamation.step, totalSteps, result, stepMs: 1, imagesPerSecond: 64000, etaSeconds: 0 };
  };
  const session = {
    amalgamation,
    history,
    totalSteps,
    inputs: { config: { epochs: 1 } },
    get position() {
      return { epoch: amalgamation.step >= totalSteps ? 1 : 0, batch: amalgamation.step };
    },
    step: advance,
    async run(o: RunOptions = {}) {
      for (let steps = 0; ; steps++) {
        if (amalgamation.step >= totalSteps) return { stopped: 'complete' as const, steps };
        await new Promise((r) => setTimeout(r, 1));
        if (o.signal?.aborted) return { stopped: 'aborted' as const, steps };
        o.onStep?.(await advance());
      }
    },
    exclusive: <T>(fn: () => Promise<T>) => fn(),
    dispose: async () => void (disposed = true),
  };
  return session as unknown as TrainingSession;
}

function controller(session: TrainingSession) {
  const events: WorkerEvent[] = [];
  const store = memoryCheckpointStore();
  const saveCheckpoint = async (s: TrainingSession) => ({ step: s.amalgamation.step, savedAt: new Date().toISOString(), config: {} }) as unknown as Checkpoint;
  const c = new TrainingController({
    loadInputs: async (config) => ({ config, teachers: [], train: {} as never, test: {} as never, backend: 'cpu' }),
    createSession: () => session,
    restoreSession: async () => session,
    saveCheckpoint,
    snapshot: async () => ({ axes: { student: new Float64Array(), teachers: [] } }) as unknown as EmbeddingSnapshot,
    store,
    emit: (e) => events.push(e),
    numTensors: () => 0,
    newRunId: () => 'run-1',
  });
  c.configure({ kind: 'configure', config: { preset: 'cka', batchSize: 64 }, cadence: { checkpointEvery: 5, evaluateEvery: 1000 } });
  return { c, events, store };
}

const statuses = (events: WorkerEvent[]) => events.flatMap((e) => (e.kind === 'training-status' ? [e.status.state] : []));
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
};

describe('TrainingController', () => {
  it('pauses at a step boundary with a checkpoint, steps once, resumes, and stops silently', async () => {
    const session = fakeSession(10_000);
    const { c, events, store } = controller(session);
    await c.start();
    await until(() => session.amalgamation.step >= 7);
    const paused = await c.pause();
    expect(paused.state).toBe('paused');
    expect((await store.get('run-1'))?.step).toBe(paused.step);
    expect((await c.stepOnce()).step).toBe(paused.step + 1);
    await c.resume();
    await until(() => session.amalgamation.step >= paused.step + 5);
    await c.stop();
    const count = events.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(events.length).toBe(count);
    expect(statuses(events)).toEqual(['running', 'paused', 'running', 'stopped']);
  });

  it('fails with a clear message on a non-finite loss and keeps the last good checkpoint', async () => {
    const session = fakeSession(100, 13);
    const { c, events, store } = controller(session);
    await c.start();
    await until(() => statuses(events).includes('failed'));
    const state = c.state();
    expect(state).toMatchObject({ state: 'failed', step: 12, lastCheckpointStep: 10 });
    expect(state.message).toMatch(/loss became NaN at step 12.*last good checkpoint \(step 10\) is kept/);
    expect((await store.get('run-1'))?.step).toBe(10);
  });

  it('refuses an invalid config naming the field, and requests the state does not allow', async () => {
    const { c } = controller(fakeSession(10));
    expect(() => c.configure({ kind: 'configure', config: { batchSize: 1 } })).toThrow(expect.objectContaining({ code: 'bad-config', message: expect.stringMatching(/^config\.batchSize /) as string }));
    await expect(c.pause()).rejects.toMatchObject({ code: 'training-state' });
  });
});
