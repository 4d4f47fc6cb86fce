import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../../browser/fakeServer.testutil';
import { validateConfig } from '../../core/method/validateConfig';
import type { DroppedFile } from '../../protocol/messages';
import { DroppedData } from './droppedData';
import { toErrorInfo } from '../failure';
import { createTeacherRegistry } from '../teachers/teacherRegistry';
import { servedSources } from '../teachers/teacherSources';
import { trainingInputsLoader } from '../training/trainingInputs';

/** A stand-in decoder: the first byte of the "file" fills an image of the asked shape (Node has no createImageBitmap). */
const decode = async (bytes: ArrayBuffer, shape: { height: number; width: number; channels: number }) => {
  const first = new Uint8Array(bytes)[0];
  if (first === 0) throw new Error('corrupt');
  return new Uint8Array(shape.height * shape.width * shape.channels).fill(first);
};
const file = (name: string, value: number): DroppedFile => ({ name, bytes: Uint8Array.of(value).buffer });

const failure = (promise: Promise<unknown>) => promise.then(() => Promise.reject(new Error('expected a failure')), (e: unknown) => toErrorInfo(e));

describe('dropped image sets', () => {
  it('decodes a transfer folder, skipping what is not an image, and attaches a labelled folder', async () => {
    const data = new DroppedData(decode);
    const transfer = await data.load({ kind: 'loadImageFiles', name: 'pics', role: 'transfer', files: [file('pics/b.png', 2), file('pics/a.jpg', 1), file('pics/x.txt', 9), file('pics/c.png', 0)] });
    expect(transfer).toMatchObject({ id: 'dropped:pics', count: 2, labelNames: [], height: 28, width: 28, channels: 1 });
    expect(transfer.skipped.map((s) => s.name)).toEqual(['pics/x.txt', 'pics/c.png']);
    expect(transfer.skipped[1].reason).toBe('could not be decoded (corrupt)');
    const evaluation = await data.load({ kind: 'loadImageFiles', name: 'eval', role: 'evaluation', transferId: 'dropped:pics', files: [file('eval/3/a.png', 3), file('eval/5/b.png', 5), file('eval/loose.png', 7)] });
    expect(evaluation).toMatchObject({ id: 'dropped:pics', count: 2, labelNames: ['3', '5'], labelHistogram: [1, 1] });
    expect(evaluation.skipped).toEqual([{ name: 'eval/loose.png', reason: 'not in a class folder' }]);
    expect(data.get('dropped:pics').evaluation?.count).toBe(2);
  });

  it('decodes a colour drop at its working shape, evaluates it at the same shape, and refuses one past the memory cap', async () => {
    const data = new DroppedData(decode);
    const shape = { height: 64, width: 64, channels: 3 } as const;
    const transfer = await data.load({ kind: 'loadImageFiles', name: 'photos', role: 'transfer', files: [file('p/a.png', 5), file('p/b.png', 6)], shape });
    expect(transfer).toMatchObject({ count: 2, height: 64, width: 64, channels: 3 });
    expect(data.get(transfer.id).transfer.pixels.length).toBe(2 * 64 * 64 * 3);
    const evaluation = await data.load({ kind: 'loadImageFiles', name: 'labelled', role: 'evaluation', files: [file('l/cat/a.png', 1)], transferId: transfer.id, shape: { height: 28, width: 28, channels: 1 } });
    expect(evaluation).toMatchObject({ height: 64, width: 64, channels: 3 });
    const many = Array.from({ length: 90_000 }, (_, i) => file(`m/${i}.png`, 1));
    const error = await failure(data.load({ kind: 'loadImageFiles', name: 'many', role: 'transfer', files: many, shape: { height: 128, width: 128, channels: 3 } }));
    expect(error.code).toBe('bad-images');
    expect(error.message).toMatch(/^many: 90,000 images at 128 × 128 × 3 would take 4,219 MB/);
  });

  it('fails with a message when nothing decodes, and keeps what was loaded', async () => {
    const data = new DroppedData(decode);
    await data.load({ kind: 'loadImageFiles', name: 'pics', role: 'transfer', files: [file('a.png', 1)] });
    const error = await failure(data.load({ kind: 'loadImageFiles', name: 'bad', role: 'transfer', files: [file('a.txt', 1)] }));
    expect(error).toEqual({ code: 'bad-images', message: 'bad holds no PNG or JPEG image that could be decoded: a.txt (not a .png, .jpg or .jpeg file)' });
    expect(data.get('dropped:pics').transfer.count).toBe(1);
    expect((await failure(Promise.resolve().then(() => data.get('dropped:bad')))).code).toBe('bad-config');
  });

  it('feeds a run: dropped transfer images, evaluated on the teachers\' built-in test set until a labelled folder comes', async () => {
    const data = new DroppedData(decode);
    await data.load({ kind: 'loadImageFiles', name: 'pics', role: 'transfer', files: [file('a.png', 1), file('b.png', 2)] });
    const sources = servedSources(fakeFetch({ 'teachers/index.json': JSON.stringify({ teachers: ['mnist-0-4'] }) }));
    const registry = createTeacherRegistry(sources, () => 'cpu');
    const load = trainingInputsLoader(registry, data, sources, () => 'cpu');
    const inputs = await load(validateConfig({ teachers: ['mnist-0-4'], data: 'dropped:pics' }));
    expect(inputs.train.count).toBe(2);
    expect(inputs.test).toMatchObject({ source: 'mnist/test', count: 10000 });
    const supervised = await failure(load(validateConfig({ teachers: ['mnist-0-4'], data: 'dropped:pics', preset: 'oracle', supervised: true, weights: { kd: 0, intra: 0, inter: 0, align: 0 } })));
    expect(supervised.code).toBe('bad-config');
    expect(validateConfig({ data: 'dropped:my-folder_2' }).data).toBe('dropped:my-folder_2');
    expect(() => validateConfig({ data: 'dropped:../etc' })).toThrow(/config\.data must be one of mnist, fashion-mnist, mnist\+fashion-mnist, emoji or dropped:<name>/);
  });
});
