import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchProgress, RequestEnvelope, WorkerMessage } from '../../protocol/messages';
import { trialInChild, type ChildPlan, type ChildWorker } from './backendTrialChild';

/** A child worker the test drives by hand. */
class FakeChild implements ChildWorker {
  onmessage: ChildWorker['onmessage'] = null;
  onerror: ChildWorker['onerror'] = null;
  sent: RequestEnvelope[] = [];
  terminated = false;
  postMessage(message: RequestEnvelope): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  send(data: WorkerMessage): void {
    this.onmessage?.({ data });
  }
  progress(progress: BenchProgress): void {
    this.send({ type: 'event', event: { kind: 'bench-progress', progress } });
  }
  started(): void {
    this.progress({ phase: 'started', backend: 'wasm', kind: 'cpu-simd', device: 'wasm SIMD, 1 thread' });
  }
  step(warmup: boolean, ms: number, loss = 2): void {
    this.progress({ phase: 'step', backend: 'wasm', warmup, ms, loss });
  }
}

const plan: ChildPlan = { backend: 'wasm', warmup: 1, steps: 3, capMs: 4000, startMs: 30_000 };

function start(): { child: FakeChild; row: ReturnType<typeof trialInChild> } {
  const child = new FakeChild();
  return { child, row: trialInChild(() => child, plan) };
}

describe('trialInChild', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the child for benchTrain and reports the median of its timed steps', async () => {
    const { child, row } = start();
    expect(child.sent).toEqual([{ id: 1, request: { kind: 'benchTrain', backend: 'wasm', warmup: 1, steps: 3, capMs: 4000 } }]);
    child.started();
    child.step(true, 400, 19);
    for (const ms of [230, 210, 250]) child.step(false, ms);
    child.send({ type: 'result', id: 1, result: { stoppedEarly: null } as never });
    expect(await row).toMatchObject({ status: 'timed', kind: 'cpu-simd', msPerStep: 230, firstLoss: 19, detail: 'median of 230, 210, 250 ms; warm-up 400 ms' });
    expect(child.terminated).toBe(true);
  });

  it('terminates a child that overruns the cap, keeping what it finished', async () => {
    const { child, row } = start();
    await vi.advanceTimersByTimeAsync(20_000); // loading and starting do not count
    child.started();
    child.step(true, 3500, 19);
    await vi.advanceTimersByTimeAsync(4000);
    expect(await row).toMatchObject({ status: 'too slow', msPerStep: null, firstLoss: 19, detail: 'over the 4000 ms cap (warm-up 3500 ms)' });
    expect(child.terminated).toBe(true);
  });

  it('fails a child that never starts, errs, or crashes', async () => {
    const silent = start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await silent.row).toMatchObject({ status: 'failed', kind: null, detail: 'did not start within 30000 ms' });
    expect(silent.child.terminated).toBe(true);

    const refused = start();
    refused.child.send({ type: 'error', id: 1, error: { code: 'no-backend', message: 'webgl does not start here: no context' } });
    expect(await refused.row).toMatchObject({ status: 'failed', detail: 'no-backend: webgl does not start here: no context' });

    const crashed = start();
    crashed.child.onerror?.({ message: 'out of memory' });
    expect(await crashed.row).toMatchObject({ status: 'failed', detail: 'child worker failed: out of memory' });
  });
});
