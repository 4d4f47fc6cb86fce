import { describe, expect, it } from 'vitest';
import { classesOfPaths, droppedBytes, droppedImageSet, isImageName, toGrayscale, toRgb, workingShape } from './droppedImages';

describe('dropped images', () => {
  it('reads class folders below the dropped root, or from the top when class folders were dropped', () => {
    expect(classesOfPaths(['eval/3/a.png', 'eval/7/b.png'])).toEqual(['3', '7']);
    expect(classesOfPaths(['3/a.png', '7/b.png'])).toEqual(['3', '7']);
    expect(classesOfPaths(['eval/a.png', 'eval/7/b.png'])).toEqual([null, '7']);
    expect(classesOfPaths(['a.png'])).toEqual([null]);
  });

  it('keeps a gray pixel exact and fades transparent ones to black', () => {
    const rgba = Uint8Array.from([0, 0, 0, 255, 137, 137, 137, 255, 255, 255, 255, 255, 200, 200, 200, 0, 255, 0, 0, 255]);
    expect(Array.from(toGrayscale(rgba))).toEqual([0, 137, 255, 0, 76]);
    // Every gray level survives: the browser decodes a gray PNG to r = g = b.
    const levels = Uint8Array.from({ length: 256 * 4 }, (_, i) => (i % 4 === 3 ? 255 : i >> 2));
    expect(Array.from(toGrayscale(levels))).toEqual(Array.from({ length: 256 }, (_, v) => v));
  });

  it('orders images by name (numbers as numbers), so any listing order gives the same set', () => {
    const img = (name: string, v: number, label: string | null = null) => ({ name, pixels: new Uint8Array(784).fill(v), label });
    const a = droppedImageSet('d', [img('10.png', 10), img('9.png', 9), img('1.png', 1)], false);
    expect(Array.from(a.pixels.filter((_, i) => i % 784 === 0))).toEqual([1, 9, 10]);
    expect(a.labelNames).toEqual([]);
    const b = droppedImageSet('d', [img('x/10/a.png', 1, '10'), img('x/2/a.png', 2, '2')], true);
    expect(b.labelNames).toEqual(['2', '10']);
    // x/2 sorts before x/10; its class '2' is label 0.
    expect(Array.from(b.labels)).toEqual([0, 1]);
    expect([b.pixels[0], b.pixels[784]]).toEqual([2, 1]);
    expect(isImageName('A.JPEG') && isImageName('b.png') && !isImageName('c.gif')).toBe(true);
  });

  it('keeps colour as RGB bytes, transparent pixels fading to black', () => {
    const rgba = Uint8Array.from([10, 200, 30, 255, 200, 100, 50, 0, 200, 100, 50, 128]);
    expect(Array.from(toRgb(rgba))).toEqual([10, 200, 30, 0, 0, 0, 100, 50, 25]);
    const set = droppedImageSet('c', [{ name: 'a.png', pixels: new Uint8Array(32 * 32 * 3).fill(7), label: null }], false, { height: 32, width: 32, channels: 3 });
    expect([set.height, set.width, set.channels, set.pixels.length]).toEqual([32, 32, 3, 3072]);
    expect(() => droppedImageSet('c', [{ name: 'b.png', pixels: new Uint8Array(784), label: null }], false, { height: 32, width: 32, channels: 3 })).toThrow(/b\.png: 784 bytes/);
  });

  it('picks the working shape from the teachers: 28 gray for gray ones, else colour at the smallest size that holds the largest, capped at 128', () => {
    const gray28 = { height: 28, width: 28, channels: 1 };
    expect(workingShape([])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(workingShape([gray28, { height: 32, width: 32, channels: 1 }])).toEqual({ height: 28, width: 28, channels: 1 });
    expect(workingShape([gray28, { height: 32, width: 32, channels: 3 }])).toEqual({ height: 32, width: 32, channels: 3 });
    expect(workingShape([{ height: 96, width: 96, channels: 3 }])).toEqual({ height: 96, width: 96, channels: 3 });
    expect(workingShape([{ height: 224, width: 224, channels: 3 }])).toEqual({ height: 128, width: 128, channels: 3 });
  });

  it('says what a drop costs in bytes and refuses one past the cap', () => {
    const colour64 = { height: 64, width: 64, channels: 3 } as const;
    expect(droppedBytes(1_000, colour64)).toEqual({ bytes: 12_288_000, refusal: null });
    expect(droppedBytes(10_000, colour64).bytes).toBe(122_880_000);
    expect(droppedBytes(30_000, colour64).refusal).toBeNull();
    expect(droppedBytes(100_000, colour64).refusal).toMatch(/^100,000 images at 64 × 64 × 3 would take 1,172 MB, more than the 1,024 MB/);
  });
});
