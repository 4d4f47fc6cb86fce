import { describe, expect, it } from 'vitest';
import type { EventListener } from '../../protocol/client';
import { createStudioStore } from './studioStore';
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
    const off = connectWorkerEvents(worker, store);
    await Promise.resolve();
    expect(store.getState().progress.offer).toEqual(offer);
    const emit = (step: number) => listeners.forEach((l) => l({ kind: 'training-status', status: { state: 'running', runId: 'r', step } }));
    emit(3);
    expect(store.getState().progress).toMatchObject({ state: 'running', step: 3, updates: 1 });
    off();
    emit(4);
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
    connectWorkerEvents(worker, store);
    const emit = (event: Parameters<EventListener>[0]) => listeners.forEach((l) => l(event));
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
