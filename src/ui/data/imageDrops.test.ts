import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { LoadImageFilesRequest, LoadImageFilesResult } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import { createImageDrops } from './imageDrops';

const summary = { height: 28, width: 28, channels: 1, labelHistogram: [], checksum: '00000000', skipped: [], ms: 1 };
const pathed = (path: string) => ({ path, file: new File(['x'], path.split('/').pop()!) });

async function call(request: LoadImageFilesRequest): Promise<LoadImageFilesResult> {
  if (request.name === 'empty') throw new WorkerCallError({ code: 'bad-images', message: 'empty holds no PNG or JPEG image that could be decoded' });
  const id = request.role === 'transfer' ? `dropped:${request.name}` : request.transferId!;
  return { id, role: request.role, count: request.files.length, labelNames: request.role === 'evaluation' ? ['3'] : [], ...summary };
}

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
    const drops = createImageDrops((request) => (sent.push(request), call(request)), store);
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
});
