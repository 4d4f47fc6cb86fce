import { describe, expect, it } from 'vitest';
import { TrainingWorkerClient, WorkerCallError } from './client';
import type { InitResult, RequestEnvelope, WorkerEvent, WorkerMessage } from './messages';

/** Just enough of a Worker to drive the client from the test. */
class FakeWorker {
  readonly posted: RequestEnvelope[] = [];
  terminated = false;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  postMessage(envelope: RequestEnvelope): void {
    this.posted.push(envelope);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: WorkerMessage): void {
    for (const listener of this.listeners.get('message') ?? []) listener({ data: message });
  }
  fail(message: string): void {
    for (const listener of this.listeners.get('error') ?? []) listener({ message });
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new TrainingWorkerClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  });
  return { client, workers };
}

const result = { backend: 'cpu', reason: 'requested' } as InitResult;

describe('TrainingWorkerClient', () => {
  it('starts the worker on the first call, not before', () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    void client.call({ kind: 'init' });
    expect(workers).toHaveLength(1);
    expect(workers[0].posted).toEqual([{ id: 1, request: { kind: 'init' } }]);
  });

  it('resolves each call with the result carrying its id', async () => {
    const { client, workers } = setup();
    const first = client.call({ kind: 'init', backend: 'wasm' });
    const second = client.call({ kind: 'init', backend: 'cpu' });
    workers[0].reply({ type: 'result', id: 2, result: { ...result, backend: 'cpu' } });
    workers[0].reply({ type: 'result', id: 1, result: { ...result, backend: 'wasm' } });
    expect((await first).backend).toBe('wasm');
    expect((await second).backend).toBe('cpu');
  });

  it('rejects with the typed error the worker sent', async () => {
    const { client, workers } = setup();
    const call = client.call({ kind: 'init' });
    workers[0].reply({ type: 'error', id: 1, error: { code: 'no-backend', message: 'nothing works' } });
    await expect(call).rejects.toMatchObject({ name: 'WorkerCallError', code: 'no-backend', message: 'nothing works' });
  });

  it('abort terminates the worker, rejects every pending call, and the next call starts afresh', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const aborted = client.call({ kind: 'init' }, controller.signal);
    const bystander = client.call({ kind: 'init' });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'aborted' });
    await expect(bystander).rejects.toBeInstanceOf(WorkerCallError);
    expect(workers[0].terminated).toBe(true);
    void client.call({ kind: 'init' });
    expect(workers).toHaveLength(2);
  });

  it('rejects at once for an already aborted signal without starting a worker', async () => {
    const { client, workers } = setup();
    await expect(client.call({ kind: 'init' }, AbortSignal.abort())).rejects.toMatchObject({ code: 'aborted' });
    expect(workers).toHaveLength(0);
  });

  it('turns a worker crash into worker-crashed rejections', async () => {
    const { client, workers } = setup();
    const call = client.call({ kind: 'init' });
    workers[0].fail('e is not defined');
    await expect(call).rejects.toMatchObject({ code: 'worker-crashed', message: 'e is not defined' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { client, workers } = setup();
    const seen: WorkerEvent[] = [];
    const off = client.on((event) => seen.push(event));
    void client.call({ kind: 'init' });
    const event: WorkerEvent = {
      kind: 'backend-attempt',
      attempt: { backend: 'webgpu', outcome: 'skipped', detail: 'no WebGPU adapter' },
    };
    workers[0].reply({ type: 'event', event });
    off();
    workers[0].reply({ type: 'event', event });
    expect(seen).toEqual([event]);
  });
});
