import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { WorkerRequest } from '../../protocol/messages';
import { createStudioStore as bareStore } from '../store/studioStore';
import { defaultConfig } from '../../core/method/config';
import { seriesPoints } from '../charts/boundedSeries';
import { resumeFromCheckpoint } from './trainingCommands';

/** A studio whose worker said it is ready (Start waits for that). */
function createStudioStore() {
  const store = bareStore();
  store.getState().setWorkerReady(true);
  return store;
}
import { commandForKey, trainingCommands, type CommandContext } from './trainingCommands';

const command = (name: string) => trainingCommands.find((c) => c.name === name)!;

/** A worker that records calls and answers from a table (a function may throw). */
function fakeWorker(answers: Record<string, (request: WorkerRequest) => unknown>) {
  const calls: WorkerRequest[] = [];
  const worker = {
    call: (request: WorkerRequest) => {
      calls.push(request);
      const answer = answers[request.kind];
      return answer ? Promise.resolve().then(() => answer(request)) : Promise.reject(new Error(`unexpected ${request.kind}`));
    },
  } as unknown as CommandContext['worker'];
  return { worker, calls };
}

const running = { state: 'running', message: null, runId: 'r1', step: 0, totalSteps: 100, epoch: 1, lastLoss: null, latestAccuracy: null, config: null };

describe('training commands', () => {
  it('enable by state, and none while a call is in flight', () => {
    const store = createStudioStore();
    const enabled = () => trainingCommands.filter((c) => c.enabled(store.getState())).map((c) => c.name);
    expect(enabled()).toEqual(['start']);
    store.setState({ progress: { ...store.getState().progress, state: 'paused' } });
    expect(enabled()).toEqual(['resume', 'step', 'stop']);
    store.getState().markBusy();
    expect(enabled()).toEqual([]);
  });

  it('start configures with the draft config and cadence, clears the last run and starts', async () => {
    const store = createStudioStore();
    store.getState().setField('seed', 5);
    store.getState().setEvaluateEvery(25);
    store.getState().setProjection('umap');
    store.getState().setProbePerClass(200);
    store.getState().receiveEvent({ kind: 'training-embedding', snapshot: { step: 1 } as never });
    const { worker, calls } = fakeWorker({
      configure: (r) => ({ config: (r as { config: unknown }).config, cadence: {} }),
      startTraining: () => running,
    });
    await command('start').perform({ store, worker });
    expect(calls.map((c) => c.kind)).toEqual(['configure', 'startTraining']);
    expect(calls[0]).toMatchObject({ config: { seed: 5, preset: 'cka' }, cadence: { evaluateEvery: 25, projection: 'umap', probePerClass: 200 } });
    const s = store.getState();
    expect(s.embedding.current).toBeNull();
    expect(s.progress).toMatchObject({ state: 'running', busy: false, runId: 'r1' });
  });

  it('a bad draft never reaches the worker: the field is named', async () => {
    const store = createStudioStore();
    store.getState().setField('batchSize', 1);
    const { worker, calls } = fakeWorker({});
    await command('start').perform({ store, worker });
    expect(calls).toEqual([]);
    expect(store.getState().progress.error).toMatch(/^Check the method settings: config\.batchSize/);
  });

  it('shows the worker error with its code and frees the buttons', async () => {
    const store = createStudioStore();
    store.setState({ progress: { ...store.getState().progress, state: 'running' } });
    const { worker } = fakeWorker({ pause: () => { throw new WorkerCallError({ code: 'training-state', message: 'cannot pause' }); } });
    await command('pause').perform({ store, worker });
    expect(store.getState().progress).toMatchObject({ busy: false, error: 'cannot pause [training-state]' });
  });

  it('maps keys to enabled commands only', () => {
    const store = createStudioStore();
    expect(commandForKey('s', store.getState())?.name).toBe('start');
    expect(commandForKey('p', store.getState())).toBeNull();
    expect(commandForKey('q', store.getState())).toBeNull();
  });

  // Issue 14, defects 5 and 8: Start ran on the previous data while images decoded, and before the worker had a backend.
  it('start waits for the worker and for dropped images to decode, and says why', () => {
    const store = bareStore();
    const start = command('start');
    expect(start.enabled(store.getState())).toBe(false);
    store.getState().setWorkerReady(true);
    expect(start.enabled(store.getState())).toBe(true);
    store.getState().setDataNotice({ state: 'loading', text: 'Decoding 10000 files from digits…' });
    expect(start.enabled(store.getState())).toBe(false);
    expect(commandForKey('s', store.getState())).toBeNull();
    store.getState().setDataNotice(null);
    expect(start.enabled(store.getState())).toBe(true);
  });

  // Issue 14, defect 6: 'e' in a field showed "enter a number" yet Start ran with the old value; a refusal cited an older one.
  it('a typed value that is not one stops Start, quoting what was typed', async () => {
    const store = createStudioStore();
    store.getState().setField('learningRate', -5);
    store.getState().setInputProblem('learningRate', 'Learning rate enter a number (typed "abc")');
    const { worker, calls } = fakeWorker({});
    await command('start').perform({ store, worker });
    expect(calls).toEqual([]);
    expect(store.getState().progress.error).toBe('Check the settings: Learning rate enter a number (typed "abc").');
    store.getState().setInputProblem('learningRate', null);
    await command('start').perform({ store, worker });
    expect(store.getState().progress.error).toMatch(/config\.learningRate/); // now the draft's own problem
  });

  // Issue 14, defect 1: a refused Start cleared the finished run's charts and results.
  it('a start the worker refuses puts the run on screen back', async () => {
    const store = createStudioStore();
    store.getState().beginRun({ ...defaultConfig, seed: 7 });
    store.getState().receiveEvent({ kind: 'training-step', step: { step: 1, totalSteps: 2, epoch: 1, terms: {} as never, total: 3, imagesPerSecond: 1, etaSeconds: 1 } });
    store.getState().receiveEvent({ kind: 'training-evaluation', evaluation: { step: 1, jointAccuracy: 0.5 } as never });
    const before = store.getState().runView();
    const { worker } = fakeWorker({
      configure: (r) => ({ config: (r as { config: unknown }).config, cadence: {} }),
      startTraining: () => {
        throw new WorkerCallError({ code: 'bad-config', message: 'batchSize 64 is larger than the 40 transfer images' });
      },
    });
    await command('start').perform({ store, worker });
    expect(store.getState().runView()).toEqual(before);
    expect(store.getState().progress.error).toMatch(/larger than the 40/);
  });

  it('refuses a batch larger than the dropped folder, and unknown teachers, before the worker', async () => {
    const store = createStudioStore();
    const transfer = { id: 'dropped:digits', count: 40 } as never;
    store.getState().addDroppedImageSet({ id: 'dropped:digits', name: 'digits', transfer, evaluation: null });
    store.getState().setTransfer('dropped:digits');
    store.getState().setField('batchSize', 64);
    const { worker, calls } = fakeWorker({});
    await command('start').perform({ store, worker });
    expect(store.getState().progress.error).toBe('Batch size 64 is larger than the 40 transfer images of digits: choose a batch size of at most 40.');
    store.getState().setField('batchSize', 32);
    store.getState().setTeacherZoo({ phase: 'ready', entries: [{ id: 'mnist-0-4', metadata: {} as never }] });
    await command('start').perform({ store, worker });
    expect(store.getState().progress.error).toMatch(/^The run names teachers this studio does not have: mnist-5-9\./);
    expect(calls).toEqual([]);
  });

  // Issue 14, defect 3: a resumed run kept its config in the worker, but the panel showed the defaults and the loss history was gone.
  it('resuming a checkpoint puts its config, cadence and history on screen', async () => {
    const store = createStudioStore();
    const config = { ...defaultConfig, seed: 9, teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist' as const };
    const resumed = { ...running, runId: 'r7', step: 40, config, cadence: { evaluateEvery: 20, checkpointEvery: 100, stepEventsPerSecond: 10, projection: 'umap', probePerClass: 100 } };
    const losses = [10, 20, 30].map((step) => ({ step, total: 1 / step, terms: {} }));
    const evaluations = [{ step: 20, jointAccuracy: 0.4 }, { step: 40, jointAccuracy: 0.6 }];
    const { worker } = fakeWorker({ resumeFromCheckpoint: () => resumed, trainingHistory: () => ({ runId: 'r7', losses, evaluations }) });
    await resumeFromCheckpoint({ store, worker }, 'r7');
    const s = store.getState();
    expect(s.draft).toEqual(config);
    expect(s.pickedTeacherIds).toEqual(config.teachers);
    expect(s.transfer).toBe('fashion-mnist');
    expect([s.evaluateEvery, s.projection, s.probePerClass]).toEqual([20, 'umap', 100]);
    expect(seriesPoints(s.lossSeries).map((p) => p.step)).toEqual([10, 20, 30]);
    expect(s.evaluations).toEqual(evaluations);
    expect(s.progress).toMatchObject({ state: 'running', step: 40, accuracy: { step: 40, joint: 0.6 } });
  });
});
