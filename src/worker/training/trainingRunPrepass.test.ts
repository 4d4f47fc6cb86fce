import { describe, expect, it } from 'vitest';
import type { PrepareOptions } from '../../core/method/batchTargets';
import type { RunOptions, TrainingSession } from '../../core/method/trainingSession';
import { PrepassAborted } from '../../core/ownership';
import type { WorkerEvent } from '../../protocol/messages';
import { memoryCheckpointStore } from './checkpointStore';
import { DEFAULT_CADENCE } from './trainingEvents';
import { TrainingRun, type RunEnd } from './trainingRun';

const tick = () => new Promise((r) => setTimeout(r, 1));

/**
 * A session whose pre-pass reads `batches` batches of 100 images, one a tick, unless cancelled
 * (or `hold` keeps it at the last one until cancelled); its run only counts how often it began.
 */
function fakeSession(batches: number, hold = false) {
  const summary = { images: batches * 100, owned: [batches * 60, batches * 40], changed: 7 };
  const amalgamation = { step: 0, ownership: null as null | { summary: typeof summary }, teachers: [{ metadata: { id: 'a' } }, { metadata: { id: 'b' } }] };
  const runs: number[] = [];
  const session = {
    amalgamation,
    inputs: { config: { targetBuilder: 'cluster' } },
    async prepare(options: PrepareOptions = {}) {
      for (let b = 1; b <= batches || hold; b++) {
        await tick();
        if (options.signal?.aborted) throw new PrepassAborted();
        if (b <= batches) options.onProgress?.(b * 100, batches * 100);
      }
      amalgamation.ownership = { summary };
    },
    async run(o: RunOptions = {}) {
      runs.push(amalgamation.step);
      return { stopped: o.signal?.aborted ? ('aborted' as const) : ('complete' as const), steps: 0 };
    },
    dispose: async () => undefined,
  };
  return { session: session as unknown as TrainingSession, runs };
}

function runOf(session: TrainingSession) {
  const events: WorkerEvent[] = [];
  const deps = { saveCheckpoint: async () => ({}) as never, snapshot: async () => ({}) as never, store: memoryCheckpointStore(), emit: (e: WorkerEvent) => void events.push(e) };
  return { run: new TrainingRun('run-1', session, DEFAULT_CADENCE, deps), events };
}

describe('TrainingRun pre-pass', () => {
  it('streams the pass’s progress, then who owns the images, before the first step', async () => {
    const { session, runs } = fakeSession(3);
    const { run, events } = runOf(session);
    const ends: RunEnd[] = [];
    run.start((end) => ends.push(end));
    await run.halt().then(() => undefined);
    expect(runs).toEqual([]); // halted during the pass: training never began
    run.start((end) => ends.push(end));
    while (ends.length === 0) await tick();
    const kinds = events.map((e) => e.kind);
    expect(kinds.indexOf('training-ownership')).toBeGreaterThan(kinds.lastIndexOf('training-preparing'));
    const last = events.filter((e) => e.kind === 'training-preparing').at(-1);
    expect(last).toEqual({ kind: 'training-preparing', preparing: { done: 300, total: 300 } });
    expect(events.find((e) => e.kind === 'training-ownership')).toEqual({
      kind: 'training-ownership',
      ownership: { builder: 'cluster', teachers: ['a', 'b'], images: 300, owned: [180, 120], changed: 7 },
    });
    expect([runs, ends]).toEqual([[0], [{ kind: 'complete' }]]);
  });

  it('a stop cancels a pass that has not finished: halt ends it as aborted, and onEnd hears nothing', async () => {
    const { session, runs } = fakeSession(2, true);
    const { run, events } = runOf(session);
    const ends: RunEnd[] = [];
    run.start((end) => ends.push(end));
    while (!events.some((e) => e.kind === 'training-preparing')) await tick();
    expect(await run.halt()).toEqual({ kind: 'aborted' });
    await run.close();
    expect([runs, ends, events.some((e) => e.kind === 'training-ownership')]).toEqual([[], [], false]);
  });
});
