import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { DroppedFile, ImageFilesToDecode, LoadImageFilesRequest, LoadImageFilesResult } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import { PART_FILES, type ImageDropWorker } from './dropParts';
import { createImageDrops as createDrops } from './imageDrops';

const summary = { height: 28, width: 28, channels: 1, labelHistogram: [], checksum: '00000000', skipped: [], ms: 1 };
const pathed = (path: string) => ({ path, file: new File(['x'], path.split('/').pop()!) });

async function call(request: ImageFilesToDecode): Promise<LoadImageFilesResult> {
  if (request.name === 'empty') throw new WorkerCallError({ code: 'bad-images', message: 'empty holds no PNG or JPEG image that could be decoded' });
  const id = request.role === 'transfer' ? `dropped:${request.name}` : request.transferId!;
  return { id, role: request.role, count: request.files.length, labelNames: request.role === 'evaluation' ? ['3'] : [], ...summary };
}

/** A worker that keeps staged parts by drop (not as strictly as the worker's StagedDrops) and hands a load its files. */
function stagingWorker(decode: (request: ImageFilesToDecode) => Promise<LoadImageFilesResult>, sent: LoadImageFilesRequest[] = []): ImageDropWorker {
  const parts = new Map<string, DroppedFile[][]>();
  return {
    stage: async ({ dropId, part, files }) => {
      const drop = parts.get(dropId) ?? [];
      drop[part] = files;
      parts.set(dropId, drop);
      return { parts: drop.length, files: drop.flat().length };
    },
    discard: async ({ dropId }) => parts.delete(dropId),
    load: (request) => {
      sent.push(request);
      if (!request.staged) return decode(request);
      const files = parts.get(request.staged.dropId)?.flat() ?? [];
      parts.delete(request.staged.dropId);
      return decode({ ...request, files, staged: undefined });
    },
  };
}

const createImageDrops = (decode: typeof call, store: ReturnType<typeof createStudioStore>, sent?: LoadImageFilesRequest[]) => createDrops(stagingWorker(decode, sent), store);

describe('image drops in the store', () => {
  it('makes a dropped folder the transfer set, attaches a labelled folder, and keeps both through a failed drop', async () => {
    const store = createStudioStore();
    expect(store.getState().transfer).toBe('mnist');
    const drops = createImageDrops(call, store);
    await drops.transfer([pathed('digits/a.png'), pathed('digits/b.png')]);
    expect(store.getState().transfer).toBe('dropped:digits');
    await drops.evaluation('dropped:digits', [pathed('labelled/3/a.png')]);
    expect(store.getState().droppedImageSets).toMatchObject([{ id: 'dropped:digits', name: 'digits', transfer: { count: 2 }, evaluation: { count: 1, labelNames: ['3'] } }]);
    await drops.transfer([pathed('empty/x.txt')]);
    expect(store.getState().dataNotice).toMatchObject({ state: 'failed', text: 'Could not use empty', error: { code: 'bad-images' } });
    expect(store.getState().transfer).toBe('dropped:digits');
    expect(store.getState().droppedImageSets).toHaveLength(1);
  });

  // Issue 14, defect 5: 10,000 dropped images showed "Decoding 10000 files…" for 14 s with no count.
  it('counts the decoded files of the drop under way, and only while it is under way', async () => {
    const store = createStudioStore();
    let finish: (r: LoadImageFilesResult) => void = () => undefined;
    const drops = createImageDrops((request) => new Promise((resolve) => (finish = resolve)).then(() => call(request)), store);
    const loading = drops.transfer([pathed('digits/a.png'), pathed('digits/b.png')]);
    expect(store.getState().dataNotice).toEqual({ state: 'loading', text: 'Reading 2 files from digits…' });
    drops.progress({ kind: 'images-progress', progress: { name: 'other', done: 1, total: 9 } });
    expect(store.getState().dataNotice?.text).toBe('Reading 2 files from digits…');
    drops.progress({ kind: 'images-progress', progress: { name: 'digits', done: 1, total: 2 } });
    expect(store.getState().dataNotice).toEqual({ state: 'loading', text: 'Decoding 1 of 2 images from digits…' });
    drops.progress({ kind: 'images-progress', progress: { name: 'digits', done: 2, total: 2 } });
    expect(store.getState().dataNotice?.text).toBe('Decoding 2 of 2 images from digits…');
    await new Promise((r) => setTimeout(r, 0));
    finish({} as LoadImageFilesResult);
    await loading;
    drops.progress({ kind: 'images-progress', progress: { name: 'digits', done: 2, total: 2 } }); // late: the load is over
    expect(store.getState().dataNotice).toBeNull();
  });

  it('decodes a transfer folder at the working resolution: the one set, or auto from the picked teachers', async () => {
    const store = createStudioStore();
    const sent: LoadImageFilesRequest[] = [];
    const drops = createImageDrops(call, store, sent);
    const input = (side: number, channels: 1 | 3) => ({ height: side, width: side, channels, mean: 0, std: 1 });
    const metadata = (id: string, side: number) => ({ id, title: id, labels: ['a'], input: input(side, 3), featureLayer: 'f', featureSize: 4 });
    store.getState().setTeacherZoo({ phase: 'ready', entries: [{ id: 'mnist-0-4', metadata: metadata('mnist-0-4', 28) }, { id: 'emoji-a', metadata: metadata('emoji-a', 32) }, { id: 'big', metadata: metadata('big', 224) }] });
    await drops.transfer([pathed('photos/a.png')]);
    expect(sent[0].resolution).toBe(28); // the default pick: two 28 px MNIST teachers (one known to this zoo)
    store.getState().setTeacherPicked('emoji-a', true);
    await drops.transfer([pathed('photos/a.png')]);
    expect(sent[1].resolution).toBe(32);
    store.getState().setTeacherPicked('big', true);
    await drops.transfer([pathed('photos/a.png')]);
    expect(sent[2].resolution).toBe(64); // 224 px, capped
    store.getState().setField('resolution', '96');
    await drops.transfer([pathed('photos/a.png')]);
    await drops.evaluation('dropped:photos', [pathed('labelled/3/a.png')]);
    expect(sent.slice(3).map((r) => r.resolution)).toEqual([96, undefined]);
    // 'auto' is said so: the worker then never decodes above the images' own size.
    expect(sent.map((r) => r.auto)).toEqual([true, true, true, false, undefined]);
  });

  // Issue 12: one message of 30,000 files held the page's main thread for 152 ms of CPU.
  it('sends a folder larger than one part in parts, and decodes every file of it', async () => {
    const store = createStudioStore();
    const sent: LoadImageFilesRequest[] = [];
    const drops = createImageDrops(call, store, sent);
    const count = 2 * PART_FILES + 3;
    await drops.transfer(Array.from({ length: count }, (_, i) => pathed(`big/${i}.png`)));
    expect(sent[0]).toMatchObject({ staged: { parts: 3, count } });
    expect(sent[0].files).toBeUndefined();
    expect(store.getState().droppedImageSets).toMatchObject([{ id: 'dropped:big', transfer: { count } }]);
    expect(store.getState().dataNotice).toBeNull();
  });

  it('gives up a drop still being sent when a newer one starts, quietly: the newer one has the notice', async () => {
    const store = createStudioStore();
    const sent: LoadImageFilesRequest[] = [];
    const drops = createImageDrops(call, store, sent);
    const first = drops.transfer(Array.from({ length: 3 * PART_FILES }, (_, i) => pathed(`first/${i}.png`)));
    const second = drops.transfer([pathed('second/a.png')]);
    await Promise.all([first, second]);
    expect(sent.map((r) => r.name)).toEqual(['second']);
    expect(store.getState().transfer).toBe('dropped:second');
    expect(store.getState().dataNotice).toBeNull();
  });
});
