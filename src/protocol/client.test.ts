import { describe, expect, it } from 'vitest';
import { TrainingWorkerClient, type LockManagerLike } from './client';
import { WorkerCallError } from './errors';
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

function setup(locks: LockManagerLike | null = null) {
  const workers: FakeWorker[] = [];
  const client = new TrainingWorkerClient(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  }, locks);
  return { client, workers };
}

/** Web Locks as the browser keeps them: a request waits until the holder lets go. */
class FakeLocks implements LockManagerLike {
  private readonly held = new Map<string, () => void>();
  readonly waiting: string[] = [];

  /** What a worker's holdLifeLock does: take the lock and keep it. */
  hold(name: string): void {
    this.held.set(name, () => undefined);
  }
  /** The browser frees a dead worker's locks. */
  release(name: string): void {
    const grant = this.held.get(name);
    this.held.delete(name);
    grant?.();
  }
  request(name: string, callback: () => unknown): Promise<unknown> {
    if (!this.held.has(name)) return Promise.resolve(callback());
    this.waiting.push(name);
    return new Promise((resolve) => this.held.set(name, () => resolve(callback())));
  }
}

const tick = () => new Promise((r) => setTimeout(r, 0));

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

  it('sees a worker that ended without a word through its life lock, and starts afresh', async () => {
    const locks = new FakeLocks();
    const { client, workers } = setup(locks);
    const crashes: WorkerCallError[] = [];
    client.onCrash((error) => crashes.push(error));
    const call = client.call({ kind: 'trainingState' });
    const [lock] = workers[0].posted.map((e) => e.request).filter((r) => r.kind === 'holdLifeLock');
    if (lock?.kind !== 'holdLifeLock') throw new Error('the client asked for no life lock');
    locks.hold(lock.name);
    workers[0].reply({ type: 'result', id: workers[0].posted.find((e) => e.request === lock)!.id, result: { held: true } });
    await tick();
    expect(locks.waiting).toEqual([lock.name]);
    expect(crashes).toEqual([]); // alive: the lock is still held

    locks.release(lock.name); // what the browser does when the worker is terminated or crashes
    await expect(call).rejects.toMatchObject({ code: 'worker-crashed', message: expect.stringMatching(/ended without a word/) as string });
    expect(crashes.map((e) => e.code)).toEqual(['worker-crashed']);
    void client.call({ kind: 'trainingState' });
    expect(workers).toHaveLength(2);
  });

  it('does not report a worker it terminated itself', async () => {
    const locks = new FakeLocks();
    const { client, workers } = setup(locks);
    const crashes: WorkerCallError[] = [];
    client.onCrash((error) => crashes.push(error));
    void client.call({ kind: 'trainingState' }).catch(() => undefined);
    const envelope = workers[0].posted.find((e) => e.request.kind === 'holdLifeLock')!;
    if (envelope.request.kind !== 'holdLifeLock') throw new Error('no life lock');
    locks.hold(envelope.request.name);
    workers[0].reply({ type: 'result', id: envelope.id, result: { held: true } });
    await tick();
    client.terminate();
    locks.release(envelope.request.name);
    await tick();
    expect(crashes).toEqual([]);
  });

  it('reports an uncaught worker error to crash listeners', () => {
    const { client, workers } = setup();
    const crashes: string[] = [];
    client.onCrash((error) => crashes.push(error.message));
    void client.call({ kind: 'init' }).catch(() => undefined);
    workers[0].fail('out of memory');
    expect(crashes).toEqual(['out of memory']);
  });
});
