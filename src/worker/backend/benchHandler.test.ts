import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeFetch } from '../../browser/fakeServer.testutil';
import { useNodeBackend } from '../../node/wasmBackend';
import type { BenchProgress, WorkerEvent } from '../../protocol/messages';
import { ckaFixtureLoader } from './backendTrialFixture';
import { handleBenchTrain } from './benchHandler';
import { servedSources } from '../teachers/teacherSources';

/** The benchmark's real CKA steps in Node on wasm, from the served files (public/). */
describe('benchTrain', () => {
  const fixture = ckaFixtureLoader(servedSources(fakeFetch()));
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  function bench(steps: number, capMs?: number) {
    const events: WorkerEvent[] = [];
    const run = handleBenchTrain({ kind: 'benchTrain', backend: 'wasm', steps, warmup: 1, capMs }, { fixture, previous: 'wasm', emit: (e) => events.push(e) });
    return { run, progress: () => events.map((e) => (e as { progress: BenchProgress }).progress) };
  }

  it('trains warm-up and timed steps, reporting each, and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    const { run, progress } = bench(2);
    const result = await run;
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({ backend: 'wasm', kind: 'cpu-simd', batchSize: 64, stoppedEarly: null });
    expect(result.warmupMs).toHaveLength(1);
    expect(result.stepMs).toHaveLength(2);
    expect(result.losses).toHaveLength(3);
    expect(result.imagesPerSecond).toBeCloseTo((64 * 1000) / result.medianMs);
    expect(progress().map((p) => p.phase)).toEqual(['started', 'step', 'step', 'step']);
    expect(progress()[1]).toMatchObject({ warmup: true, loss: result.losses[0] });
    // Seeded weights and a fixed batch: another run starts from the very same loss.
    expect((await bench(1).run).losses[0]).toBe(result.losses[0]);
  });

  it('stops timing at the cap, after the one timed step it always gives', async () => {
    const result = await bench(5, 1).run;
    expect(result.stepMs).toHaveLength(1);
    expect(result.stoppedEarly).toMatch(/over the 1 ms cap$/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('fails by name on a backend that does not start, staying on the previous one', async () => {
    const run = handleBenchTrain({ kind: 'benchTrain', backend: 'webgpu', steps: 1 }, { fixture, previous: 'wasm', emit: () => {} });
    await expect(run).rejects.toMatchObject({ code: 'no-backend', message: expect.stringMatching(/^webgpu does not start here: /) });
    expect(tf.getBackend()).toBe('wasm');
  });
});
