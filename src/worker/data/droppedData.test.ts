import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../../browser/fakeServer.testutil';
import { validateConfig } from '../../core/method/validateConfig';
import type { DroppedFile } from '../../protocol/messages';
import type { CompactPixels, DropSize } from '../../core/data/droppedImages';
import { DroppedData, transferSize } from './droppedData';
import { toErrorInfo } from '../failure';
import { createTeacherRegistry } from '../teachers/teacherRegistry';
import { servedSources } from '../teachers/teacherSources';
import { trainingInputsLoader } from '../training/trainingInputs';

/**
 * A stand-in decoder (Node has no createImageBitmap): the first byte of the "file" fills the
 * image at the size asked; a second byte, when there is one, makes it a colour image (R = first, G = B = second).
 */
const decode = async (bytes: ArrayBuffer, size: DropSize): Promise<CompactPixels> => {
  const [first, second] = new Uint8Array(bytes);
  if (first === 0) throw new Error('corrupt');
  const pixels = size.height * size.width;
  if (second === undefined) return { pixels: new Uint8Array(pixels).fill(first), channels: 1 };
  return { pixels: Uint8Array.from({ length: pixels * 3 }, (_, i) => (i % 3 === 0 ? first : second)), channels: 3 };
};
const file = (name: string, value: number): DroppedFile => ({ name, bytes: Uint8Array.of(value).buffer });
const colourFile = (name: string, red: number, rest: number): DroppedFile => ({ name, bytes: Uint8Array.of(red, rest).buffer });

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
    // Colour photos: the student reads RGB, so the gray fallback evaluation set reaches it as R = G = B.
    await data.load({ kind: 'loadImageFiles', name: 'photos', role: 'transfer', resolution: 28, files: [colourFile('a.png', 200, 10)] });
    const colour = await load(validateConfig({ teachers: ['mnist-0-4'], data: 'dropped:photos' }));
    expect(colour.train).toMatchObject({ height: 28, width: 28, channels: 3 });
    expect(colour.test).toMatchObject({ source: 'mnist/test', count: 10000, height: 28, width: 28, channels: 3 });
    const supervised = await failure(load(validateConfig({ teachers: ['mnist-0-4'], data: 'dropped:pics', preset: 'oracle', supervised: true, weights: { kd: 0, intra: 0, inter: 0, align: 0 } })));
    expect(supervised.code).toBe('bad-config');
    expect(validateConfig({ data: 'dropped:my-folder_2' }).data).toBe('dropped:my-folder_2');
    expect(() => validateConfig({ data: 'dropped:../etc' })).toThrow(/config\.data must be one of mnist, fashion-mnist, mnist\+fashion-mnist, emoji or dropped:<name>/);
  });

  it('decodes at the working resolution, in colour when an image has colour, and its labelled folder alike', async () => {
    const data = new DroppedData(decode);
    const transfer = await data.load({ kind: 'loadImageFiles', name: 'photos', role: 'transfer', resolution: 64, files: [colourFile('p/a.png', 200, 10), file('p/b.png', 7)] });
    expect(transfer).toMatchObject({ count: 2, height: 64, width: 64, channels: 3 });
    const set = data.get('dropped:photos').transfer;
    // a.png keeps its colour; the gray b.png is R = G = B.
    expect(Array.from(set.pixels.subarray(0, 3))).toEqual([200, 10, 10]);
    expect(Array.from(set.pixels.subarray(64 * 64 * 3, 64 * 64 * 3 + 3))).toEqual([7, 7, 7]);
    // The labelled folder is gray, but is read at the transfer set's size and channels.
    const evaluation = await data.load({ kind: 'loadImageFiles', name: 'eval', role: 'evaluation', transferId: 'dropped:photos', resolution: 28, files: [file('e/cat/a.png', 9)] });
    expect(evaluation).toMatchObject({ height: 64, width: 64, channels: 3 });
    const gray = await data.load({ kind: 'loadImageFiles', name: 'gray', role: 'transfer', resolution: 32, files: [file('a.png', 5)] });
    expect(gray).toMatchObject({ height: 32, width: 32, channels: 1 });
  });

  it('counts the decoded files as it goes (N of M) and refuses, before decoding, a folder too big to hold', async () => {
    const data = new DroppedData(decode);
    const seen: string[] = [];
    const files = Array.from({ length: 600 }, (_, i) => file(`f/${i}.png`, 1));
    await data.load({ kind: 'loadImageFiles', name: 'many', role: 'transfer', resolution: 28, files }, (done, total) => seen.push(`${done} of ${total}`));
    expect(seen).toEqual(['0 of 600', '250 of 600', '500 of 600', '600 of 600']);
    let decoded = 0;
    const counting = new DroppedData(async (bytes, size) => (decoded++, decode(bytes, size)));
    const huge = Array.from({ length: 21_846 }, (_, i) => file(`h/${i}.png`, 1));
    const error = await failure(counting.load({ kind: 'loadImageFiles', name: 'huge', role: 'transfer', resolution: 128, files: huge }));
    expect(error.code).toBe('bad-images');
    expect(error.message).toMatch(/^huge: 21,846 images at 128 × 128 in colour would take 1,073.8 MB, more than the 1,073.7 MB .* drop at most 21,845 images, or pick a lower working resolution$/);
    expect(decoded).toBe(0);
  });

  it("decodes at auto's resolution only up to the drop's largest image, and at a set resolution as set", () => {
    const png = (side: number): DroppedFile => {
      const b = new Uint8Array(24);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      new DataView(b.buffer).setUint32(16, side);
      new DataView(b.buffer).setUint32(20, side);
      return { name: `${side}.png`, bytes: b.buffer };
    };
    // 28 px digits under a 32 px teacher stay 28 px; photos of 500 px are decoded at the 64 px asked.
    expect(transferSize({ resolution: 32, auto: true }, [png(28), png(20)])).toEqual({ height: 28, width: 28 });
    expect(transferSize({ resolution: 64, auto: true }, [png(500), png(28)])).toEqual({ height: 64, width: 64 });
    expect(transferSize({ resolution: 32, auto: false }, [png(28)])).toEqual({ height: 32, width: 32 });
    expect(transferSize({ resolution: 32, auto: true }, [png(2)])).toEqual({ height: 8, width: 8 });
    expect(transferSize({}, [png(500)])).toEqual({ height: 28, width: 28 });
  });
});
