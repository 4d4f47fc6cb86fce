import { describe, expect, it } from 'vitest';
import { NonFiniteLossError } from '../../core/method/amalgamation';
import type { Checkpoint } from '../../core/method/checkpoint';
import type { EmbeddingSnapshot } from '../../core/method/embeddingSnapshot';
import type { RunOptions, StepProgress, TrainingSession } from '../../core/method/trainingSession';
import type { WorkerEvent } from '../../protocol/messages';
import { memoryCheckpointStore } from './checkpointStore';
import { TrainingController } from './trainingController';

const terms = { kd: 1, teacherKd: 0, intra: 0, inter: 0, align: 0, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };

/**
 * A session that counts steps without tensors; step `nanAt` throws like a diverged loss, and
 * step `hangAt` never settles, like a readback from a GPU that is gone.
 */
function fakeSession(totalSteps: number, nanAt = Infinity, hangAt = Infinity): TrainingSession {
  const amalgamation = { step: 0 };
  const history = { losses: [], stride: 1, pending: null, evaluations: [], epochs: [] };
  let disposed = false;
  const advance = async (): Promise<StepProgress> => {
    if (disposed) throw new Error('disposed');
    if (amalgamation.step + 1 === nanAt) throw new NonFiniteLossError(amalgamation.step, { ...terms, kd: NaN });
    if (amalgamation.step + 1 === hangAt) return new Promise<never>(() => undefined);
    amalgamation.step++;
    const result = { step: amalgamation.step, total: 1, terms };
    return { epoch: 1, step: amalgamation.step, totalSteps, result, stepMs: 1, imagesPerSecond: 64000, etaSeconds: 0 };
  };
  const session = {
    amalgamation: Object.assign(amalgamation, { union: { names: ['0', '1'], maps: [[0, 1]] } }),
    history,
    totalSteps,
    probe: Int32Array.of(0, 1),
    inputs: { config: { epochs: 1 }, test: { labels: Int32Array.from({ length: 600 }, (_, i) => i % 2), labelNames: ['0', '1'] } },
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
    prepare: async () => undefined,
    dispose: async () => void (disposed = true),
  };
  return session as unknown as TrainingSession;
}

function controller(session: TrainingSession, createSession: () => TrainingSession = () => session) {
  const events: WorkerEvent[] = [];
  const projections: string[] = [];
  const probeSizes: number[] = [];
  const store = memoryCheckpointStore();
  const saveCheckpoint = async (s: TrainingSession) => ({ step: s.amalgamation.step, savedAt: new Date().toISOString(), config: {} }) as unknown as Checkpoint;
  const c = new TrainingController({
    loadInputs: async (config) => ({ config, teachers: [], train: {} as never, test: {} as never, backend: 'cpu' }),
    createSession,
    restoreSession: async () => session,
    saveCheckpoint,
    snapshot: async (s, _axes, projection) => (projections.push(projection), probeSizes.push(s.probe.length), { axes: { student: new Float64Array(), teachers: [] } }) as unknown as EmbeddingSnapshot,
    store,
    emit: (e) => events.push(e),
    memory: () => ({ numTensors: 0, numBytes: 0, numBytesInGPU: null, wasmHeapBytes: null }),
    backend: () => 'cpu',
    newRunId: () => 'run-1',
  });
  c.configure({ kind: 'configure', config: { preset: 'cka', batchSize: 64 }, cadence: { checkpointEvery: 5, evaluateEvery: 1000 } });
  return { c, events, store, projections, probeSizes };
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

  it('projects snapshots with PCA by default and with UMAP when the cadence asks', async () => {
    const { c, projections } = controller(fakeSession(10_000));
    expect(c.state().cadence.projection).toBe('pca');
    await c.start();
    await c.pause();
    await c.snapshot();
    await c.stop();
    c.configure({ kind: 'configure', config: { preset: 'cka' }, cadence: { projection: 'umap' } });
    await c.start();
    await c.pause();
    await c.snapshot();
    expect(projections).toEqual(['pca', 'umap']);
    await c.stop();
  });

  it('sizes the snapshots\' probe set by the cadence, and the probe images with it (default: the session\'s own)', async () => {
    const { c, probeSizes } = controller(fakeSession(10_000));
    expect(c.state().cadence.probePerClass).toBe(50);
    await c.start();
    await c.pause();
    await c.snapshot();
    expect(c.sessionIn(['paused'], 'read').probe).toHaveLength(2); // untouched session
    await c.stop();
    c.configure({ kind: 'configure', config: { preset: 'cka' }, cadence: { probePerClass: 200 } });
    expect(c.state().cadence.probePerClass).toBe(200);
    await c.start();
    await c.pause();
    await c.snapshot();
    expect(c.sessionIn(['paused'], 'read').probe).toHaveLength(400); // 200 of each of 2 classes
    expect(probeSizes).toEqual([2, 400]);
    await c.stop();
  });

  it('fails a run at once when its device is lost, without waiting for its step, and keeps the checkpoint', async () => {
    const session = fakeSession(10_000);
    const { c, events } = controller(session);
    await c.start();
    await until(() => session.amalgamation.step >= 6);
    expect(c.deviceLost('the WebGPU device was lost (destroyed: gone)')).toEqual({ runId: 'run-1', lastCheckpointStep: 5 });
    const state = c.state();
    expect(state.state).toBe('failed');
    expect(state.message).toMatch(/^Training stopped: the WebGPU device was lost \(destroyed: gone\)\. The last good checkpoint \(step 5\) is kept\. Resume it on another backend\.$/);
    const step = session.amalgamation.step;
    await new Promise((r) => setTimeout(r, 30));
    expect(session.amalgamation.step).toBe(step); // the abandoned loop trains no further
    expect(statuses(events).at(-1)).toBe('failed');
    expect((await c.resumeFromCheckpoint('run-1')).state).toBe('running');
    await c.stop();
  });

  it('answers a pause stuck behind a step that never settles once the device is reported lost', async () => {
    const session = fakeSession(10_000, Infinity, 8);
    const { c } = controller(session);
    await c.start();
    await until(() => session.amalgamation.step >= 7);
    await new Promise((r) => setTimeout(r, 20)); // the loop is now inside step 8
    let answered = false;
    const pausing = c.pause().finally(() => (answered = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(answered).toBe(false); // waiting on step 8, which never ends
    c.deviceLost('the WebGPU device was lost (unknown: GPU process crashed)');
    expect(await pausing).toMatchObject({ state: 'failed', step: 7, lastCheckpointStep: 5 });
    expect((await c.stop()).state).toBe('stopped');
  });

  it('refuses an invalid config naming the field, and requests the state does not allow', async () => {
    const { c } = controller(fakeSession(10));
    expect(() => c.configure({ kind: 'configure', config: { batchSize: 1 } })).toThrow(expect.objectContaining({ code: 'bad-config', message: expect.stringMatching(/^config\.batchSize /) as string }));
    await expect(c.pause()).rejects.toMatchObject({ code: 'training-state' });
  });

  // Issue 14, defect 1: a refused Start used to close the finished run first, so Export then hit disposed weights.
  it('a start refused while building its session keeps the finished run and its student', async () => {
    const finished = fakeSession(3);
    let made = 0;
    const { c } = controller(finished, () => {
      if (made++ === 0) return finished;
      throw new RangeError('batchSize 64 is larger than the 40 transfer images');
    });
    await c.start();
    await until(() => c.state().state === 'complete');
    await expect(c.start()).rejects.toMatchObject({ code: 'bad-config', message: 'batchSize 64 is larger than the 40 transfer images' });
    expect(c.state()).toMatchObject({ state: 'complete', step: 3 });
    expect(c.sessionIn(['complete'], 'export')).toBe(finished);
    await expect(finished.step()).resolves.toMatchObject({ step: 4 }); // not disposed (the fake throws once disposed)
  });

  // Issue 14, defect 2: Stop used to dispose the student, so Export and Try it had nothing while Results showed it.
  it('stop keeps the student for export and predictions until the next start', async () => {
    const session = fakeSession(10_000);
    const { c } = controller(session);
    await c.start();
    await until(() => session.amalgamation.step >= 3);
    const stopped = await c.stop();
    expect(stopped.message).toMatch(/student stays/);
    expect(c.sessionIn(['stopped'], 'export')).toBe(session);
    const step = session.amalgamation.step;
    await expect(session.step()).resolves.toMatchObject({ step: step + 1 }); // its tensors are still there
  });

  // Issue 14, checkpoints by time: 100 slow steps are minutes a reload would lose.
  it('saves a checkpoint by time as well as by steps, and at once when asked', async () => {
    const session = fakeSession(10_000);
    const { c, store } = controller(session);
    c.configure({ kind: 'configure', config: { preset: 'cka' }, cadence: { checkpointEvery: 1_000_000, checkpointSeconds: 0.03 } });
    await c.start();
    await until(() => session.amalgamation.step >= 2);
    expect(await store.get('run-1')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 60));
    const timed = (await store.get('run-1'))?.step ?? 0;
    expect(timed).toBeGreaterThan(0);
    const now = await c.checkpointNow();
    expect((await store.get('run-1'))?.step).toBeGreaterThanOrEqual(now.lastCheckpointStep!);
    expect(now.lastCheckpointStep).toBeGreaterThanOrEqual(timed);
    await c.stop();
    expect((await c.checkpointNow()).state).toBe('stopped'); // nothing trains: nothing to save
  });

  it('answers the run\'s histories and the step of its latest accuracy', async () => {
    const session = fakeSession(10_000);
    const history = session.history as { losses: unknown[]; evaluations: unknown[] };
    history.losses.push({ step: 4, total: 2, terms, steps: 1 });
    history.evaluations.push({ step: 3, evaluation: { jointAccuracy: 0.5, perTeacher: [], cohesion: {}, confusion: [] } });
    const { c } = controller(session);
    expect(c.history()).toEqual({ runId: null, losses: [], evaluations: [] });
    await c.start();
    await c.pause();
    expect(c.history()).toMatchObject({ runId: 'run-1', losses: [{ step: 4, total: 2 }], evaluations: [{ step: 3, jointAccuracy: 0.5 }] });
    expect(c.state()).toMatchObject({ latestAccuracy: 0.5, latestAccuracyStep: 3 });
    await c.stop();
  });
});
