import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { DiscardImageFilesRequest, StageImageFilesRequest } from '../../protocol/messages';
import { newDropId, stageDrop, type ImageDropWorker } from './dropParts';

const fileOf = (i: number, fail = false) => ({ arrayBuffer: async () => (fail ? Promise.reject(new Error(`cannot read ${i}`)) : new Uint8Array([i]).buffer) }) as unknown as File;
const folder = (count: number, failAt = -1) => Array.from({ length: count }, (_, i) => ({ path: `d/${i}.png`, file: fileOf(i, i === failAt) }));

/** A worker that records what it is sent and answers each part on a later task, one at a time. */
function recordingWorker() {
  const staged: StageImageFilesRequest[] = [];
  const discarded: DiscardImageFilesRequest[] = [];
  let inFlight = 0;
  let most = 0;
  const worker: ImageDropWorker = {
    stage: async (request) => {
      most = Math.max(most, ++inFlight);
      staged.push(request);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inFlight--;
      return { parts: staged.length, files: 0 };
    },
    discard: async (request) => discarded.push(request),
    load: () => Promise.reject(new Error('stageDrop never loads')),
  };
  return { worker, staged, discarded, most: () => most };
}

describe('stageDrop', () => {
  it('sends a folder in parts, one at a time, each part its files in order, and names them for the load', async () => {
    const { worker, staged, discarded, most } = recordingWorker();
    const ref = await stageDrop(worker, folder(23), () => true, 5);
    expect(ref).toEqual({ dropId: staged[0].dropId, parts: 5, count: 23 });
    expect(staged.map((s) => s.part)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(staged.map((s) => s.dropId)).size).toBe(1);
    expect(staged.flatMap((s) => s.files.map((f) => f.name))).toEqual(folder(23).map((f) => f.path));
    expect(staged.map((s) => s.files.length)).toEqual([5, 5, 5, 5, 3]);
    expect(most()).toBe(1); // the next part waits for the worker's answer to the one before
    expect(discarded).toEqual([]);
  });

  it('gives a new id to every drop', () => {
    expect(newDropId()).not.toBe(newDropId());
  });

  it('discards what it staged when a file cannot be read, and says why', async () => {
    const { worker, staged, discarded } = recordingWorker();
    await expect(stageDrop(worker, folder(12, 7), () => true, 5)).rejects.toThrow('cannot read 7');
    expect(staged.map((s) => s.part)).toEqual([0]);
    expect(discarded).toEqual([{ kind: 'discardImageFiles', dropId: staged[0].dropId }]);
  });

  it('stops sending, discards and answers null once a newer drop has started', async () => {
    const { worker, staged, discarded } = recordingWorker();
    let wanted = true;
    const stopped = stageDrop(worker, folder(20), () => wanted, 5);
    while (staged.length < 2) await new Promise((resolve) => setTimeout(resolve, 0));
    wanted = false;
    expect(await stopped).toBeNull();
    expect(staged.map((s) => s.part)).toEqual([0, 1]);
    expect(discarded).toEqual([{ kind: 'discardImageFiles', dropId: staged[0].dropId }]);
    // Given up after its last part, a drop is not loaded either.
    const late = recordingWorker();
    let calls = 0;
    expect(await stageDrop(late.worker, folder(5), () => ++calls === 1, 5)).toBeNull();
    expect(late.staged).toHaveLength(1);
    expect(late.discarded).toHaveLength(1);
  });

  it('passes on a part the worker refused, discarding the rest', async () => {
    const { worker, discarded } = recordingWorker();
    worker.stage = () => Promise.reject(new Error('part 0 came twice'));
    await expect(stageDrop(worker, folder(8), () => true, 5)).rejects.toThrow('part 0 came twice');
    expect(discarded).toHaveLength(1);
  });

  it('sends no discard to a worker that is gone: its parts went with it, and a call would start a new one', async () => {
    const { worker, discarded } = recordingWorker();
    worker.stage = () => Promise.reject(new WorkerCallError({ code: 'worker-crashed', message: 'it ended without a word' }));
    await expect(stageDrop(worker, folder(8), () => true, 5)).rejects.toThrow('it ended without a word');
    expect(discarded).toEqual([]);
  });
});
