import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { WorkerRequest } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
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
});
