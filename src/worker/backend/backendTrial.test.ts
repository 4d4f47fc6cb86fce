import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import type { BackendName, BenchProgress, BenchTrainRequest, RequestEnvelope, WorkerEvent, WorkerMessage } from '../../protocol/messages';
import { handleTrialBackends, TRIAL_ORDER } from './backendTrial';
import type { ChildWorker } from './backendTrialChild';

type Script = (say: (message: WorkerMessage) => void, backend: BackendName) => void;

const progress = (p: BenchProgress): WorkerMessage => ({ type: 'event', event: { kind: 'bench-progress', progress: p } });

/** A child that answers benchTrain from its backend's script instead of training. */
class ScriptedChild implements ChildWorker {
  onmessage: ChildWorker['onmessage'] = null;
  onerror: ChildWorker['onerror'] = null;
  terminated = false;
  constructor(private readonly scripts: Record<BackendName, Script>) {}
  terminate(): void {
    this.terminated = true;
  }
  postMessage({ request }: RequestEnvelope): void {
    const { backend } = request as BenchTrainRequest;
    setTimeout(() => this.scripts[backend]((data) => this.onmessage?.({ data }), backend));
  }
}

function scriptedChildren(scripts: Record<BackendName, Script>) {
  const children: ScriptedChild[] = [];
  const spawn = () => {
    children.push(new ScriptedChild(scripts));
    return children[children.length - 1];
  };
  return { spawn, children };
}

const started = (backend: BackendName, kind: 'cpu-simd' | 'cpu' | 'software-gpu'): WorkerMessage =>
  progress({ phase: 'started', backend, kind, device: `${backend} device` });
const step = (backend: BackendName, warmup: boolean, ms: number): WorkerMessage => progress({ phase: 'step', backend, warmup, ms, loss: 19 });

describe('trialBackends (scripted children)', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    vi.stubGlobal('navigator', {}); // a browser without WebGPU; this Node has no navigator at all
  });
  afterAll(() => vi.unstubAllGlobals());

  it('tables every backend in order, waits out stopped GPU work, and keeps the worker on the choice', async () => {
    const { spawn, children } = scriptedChildren({
      wasm: (say, b) => {
        say(started(b, 'cpu-simd'));
        [step(b, true, 400), step(b, false, 230), step(b, false, 210), step(b, false, 250)].forEach(say);
        say({ type: 'result', id: 1, result: { stoppedEarly: null } as never });
      },
      cpu: (say, b) => [started(b, 'cpu'), step(b, true, 3000)].forEach(say), // then silence: over the cap
      webgl: (say) => say({ type: 'error', id: 1, error: { code: 'no-backend', message: 'webgl does not start here: no context' } }),
      webgpu: (say, b) => say(started(b, 'software-gpu')),
    });
    const events: WorkerEvent[] = [];
    let gpuWaits = 0;
    const waitForGpu = async () => void gpuWaits++;
    const result = await handleTrialBackends({ kind: 'trialBackends', capMs: 50 }, { previous: 'wasm', emit: (e) => events.push(e), spawn, waitForGpu });

    expect(result.rows.map((r) => [r.backend, r.status])).toEqual([
      ['wasm', 'timed'],
      ['cpu', 'too slow'],
      ['webgl', 'failed'],
      ['webgpu', 'too slow'],
    ]);
    expect(result.rows.map((r) => r.backend)).toEqual(TRIAL_ORDER);
    expect(events.map((e) => e.kind)).toEqual(['trial-row', 'trial-row', 'trial-row', 'trial-row']);
    expect(gpuWaits).toBe(1); // only the stopped GPU child: a killed CPU child leaves nothing running
    expect(children.every((c) => c.terminated)).toBe(true);
    expect(result).toMatchObject({ backend: 'wasm', reason: 'fastest: 230 ms/step, the only backend timed', capMs: 50 });
    expect(result.tensorsAfter).toBe(result.tensorsBefore);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('refuses to choose when nothing was timed, leaving the worker where it was', async () => {
    const fail: Script = (say) => say({ type: 'error', id: 1, error: { code: 'internal', message: 'no' } });
    const { spawn } = scriptedChildren({ wasm: fail, cpu: fail, webgl: fail, webgpu: fail });
    const trial = handleTrialBackends({ kind: 'trialBackends' }, { previous: 'wasm', emit: () => {}, spawn });
    await expect(trial).rejects.toMatchObject({ code: 'no-backend', message: expect.stringMatching(/^trial found no backend to train on/) });
    expect(tf.getBackend()).toBe('wasm');
  });
});
