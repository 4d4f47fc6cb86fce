import { describe, expect, it } from 'vitest';
import type { EventListener } from '../../protocol/client';
import { createStudioStore } from './studioStore';
import { manualClock } from './manualClock';
import { connectWorkerEvents } from './workerEvents';

describe('connectWorkerEvents', () => {
  it('writes worker events and the checkpoint offer into the store, until disconnected', async () => {
    const listeners = new Set<EventListener>();
    const offer = { runId: 'r', step: 10, totalSteps: 20, savedAt: 'now', config: {} as never };
    const worker = {
      on: (l: EventListener) => (listeners.add(l), () => listeners.delete(l)),
      call: () => Promise.resolve(offer),
    } as unknown as Parameters<typeof connectWorkerEvents>[0];
    const store = createStudioStore();
    const m = manualClock();
    const off = connectWorkerEvents(worker, store, m.clock);
    await Promise.resolve();
    expect(store.getState().progress.offer).toEqual(offer);
    const emit = (step: number) => listeners.forEach((l) => l({ kind: 'training-status', status: { state: 'running', runId: 'r', step } }));
    emit(3);
    m.frame();
    expect(store.getState().progress).toMatchObject({ state: 'running', step: 3, updates: 1 });
    off();
    emit(4);
    m.frame();
    m.timeout();
    expect(store.getState().progress.step).toBe(3);
    expect(listeners.size).toBe(0);
  });
});

describe('probe images', () => {
  it("are fetched at each run's first embedding frame, once per run", async () => {
    const listeners = new Set<EventListener>();
    const calls: string[] = [];
    const images = { count: 2, height: 1, width: 1, channels: 1, pixels: new Uint8Array(2) };
    const worker = {
      on: (l: EventListener) => (listeners.add(l), () => listeners.delete(l)),
      call: (r: { kind: string }) => (calls.push(r.kind), Promise.resolve(r.kind === 'probeImages' ? images : null)),
    } as unknown as Parameters<typeof connectWorkerEvents>[0];
    const store = createStudioStore();
    const m = manualClock();
    connectWorkerEvents(worker, store, m.clock);
    const emit = (event: Parameters<EventListener>[0]) => listeners.forEach((l) => (l(event), m.frame()));
    const frame = { kind: 'training-embedding', snapshot: { step: 1 } } as Parameters<EventListener>[0];
    const settle = () => new Promise((r) => setTimeout(r, 0));

    emit({ kind: 'training-status', status: { state: 'running', runId: 'a', step: 0 } });
    emit(frame);
    emit(frame); // asked already
    await settle();
    emit(frame); // has them
    expect(calls.filter((k) => k === 'probeImages')).toHaveLength(1);
    expect(store.getState().probeImages).toMatchObject({ runId: 'a', count: 2 });

    emit({ kind: 'training-status', status: { state: 'running', runId: 'b', step: 0 } });
    emit(frame); // another run: its own images
    await settle();
    expect(calls.filter((k) => k === 'probeImages')).toHaveLength(2);
    expect(store.getState().probeImages?.runId).toBe('b');
  });
});

describe('event batching', () => {
  const worker = (listeners: Set<EventListener>) =>
    ({ on: (l: EventListener) => (listeners.add(l), () => listeners.delete(l)), call: () => Promise.resolve(null) }) as unknown as Parameters<typeof connectWorkerEvents>[0];
  const status = (state: 'running' | 'stopped', step: number) => ({ kind: 'training-status', status: { state, runId: 'r', step } }) as const;

  it('writes the events of one frame in one store update', () => {
    const listeners = new Set<EventListener>();
    const store = createStudioStore();
    const m = manualClock();
    connectWorkerEvents(worker(listeners), store, m.clock);
    let updates = 0;
    store.subscribe(() => void updates++);
    for (let step = 1; step <= 5; step++) listeners.forEach((l) => l(status('running', step)));
    expect(updates).toBe(0);
    m.frame();
    expect(updates).toBe(1);
    expect(store.getState().progress).toMatchObject({ step: 5, updates: 5 });
  });

  it("applies waiting events before a call's answer, so an older event never overwrites it", () => {
    const listeners = new Set<EventListener>();
    const store = createStudioStore();
    const m = manualClock();
    connectWorkerEvents(worker(listeners), store, m.clock);
    listeners.forEach((l) => l(status('running', 7))); // sent before the stop's answer
    store.getState().receiveState({ state: 'stopped', step: 7, runId: 'r' } as Parameters<ReturnType<typeof store.getState>['receiveState']>[0]);
    m.frame();
    expect(store.getState().progress.state).toBe('stopped');
  });
});
