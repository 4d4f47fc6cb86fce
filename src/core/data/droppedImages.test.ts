import { describe, expect, it } from 'vitest';
import { classesOfPaths, compactPixels, droppedImageSet, isImageName, toGrayscale } from './droppedImages';

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
    const img = (name: string, v: number, label: string | null = null) => ({ name, pixels: new Uint8Array(784).fill(v), channels: 1 as const, label });
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

  it('keeps a colour image in three bytes a pixel and a gray one in one, faded by alpha alike', () => {
    const gray = Uint8Array.from([10, 10, 10, 255, 200, 0, 0, 0]);
    expect(compactPixels(gray)).toEqual({ pixels: Uint8Array.from([10, 0]), channels: 1 });
    const colour = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 7, 7, 7, 255]);
    expect(compactPixels(colour)).toEqual({ pixels: Uint8Array.from([255, 0, 0, 0, 128, 0, 7, 7, 7]), channels: 3 });
  });

  it('makes a set RGB when any image has colour (gray ones as R = G = B), or keeps the channels it is given', () => {
    const size = { height: 1, width: 2 };
    const red = { name: 'b.png', pixels: Uint8Array.from([255, 0, 0, 0, 0, 255]), channels: 3 as const, label: null };
    const gray = { name: 'a.png', pixels: Uint8Array.from([50, 100]), channels: 1 as const, label: null };
    const mixed = droppedImageSet('d', [red, gray], false, size);
    expect(mixed).toMatchObject({ height: 1, width: 2, channels: 3, count: 2 });
    expect(Array.from(mixed.pixels)).toEqual([50, 50, 50, 100, 100, 100, 255, 0, 0, 0, 0, 255]);
    expect(droppedImageSet('d', [gray], false, size).channels).toBe(1);
    // A labelled folder takes its transfer set's channels: colour becomes gray by the same weights.
    expect(Array.from(droppedImageSet('d', [red], false, size, 1).pixels)).toEqual([76, 29]);
    expect(() => droppedImageSet('d', [red], false, { height: 2, width: 2 })).toThrow(/b\.png: 6 bytes decoded, 12 expected/);
  });
});
