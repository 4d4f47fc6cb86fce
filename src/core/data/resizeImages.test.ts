import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImages } from './labelledImages';
import { withShape } from './resizeImages';

const set = (height: number, channels: number, pixels: number[]): LabelledImages => ({
  source: 's', height, width: height, channels, count: pixels.length / (height * height * channels), pixels: Uint8Array.from(pixels), labels: new Uint8Array(pixels.length / (height * height * channels)), labelNames: ['a'],
});

describe('a set at another shape', () => {
  beforeAll(async () => void (await tf.setBackend('cpu')));

  it('is the same set when the shape matches', () => {
    const s = set(2, 1, [1, 2, 3, 4]);
    expect(withShape(s, { height: 2, width: 2, channels: 1 })).toBe(s);
  });

  it('resizes each image and channel on its own, keeping colour apart', () => {
    // Two 2 x 2 RGB images: a flat red one and a flat (40, 80, 120) one.
    const red = [255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0];
    const other = [40, 80, 120, 40, 80, 120, 40, 80, 120, 40, 80, 120];
    const big = withShape(set(2, 3, [...red, ...other]), { height: 4, width: 4, channels: 3 });
    expect(big).toMatchObject({ height: 4, width: 4, channels: 3, count: 2 });
    expect(Array.from(big.pixels.subarray(0, 3))).toEqual([255, 0, 0]);
    expect(Array.from(big.pixels.subarray(48, 51))).toEqual([40, 80, 120]);
  });

  it('tiles gray to R = G = B and averages RGB to gray, as teachers do', () => {
    expect(Array.from(withShape(set(1, 1, [9]), { height: 1, width: 1, channels: 3 }).pixels)).toEqual([9, 9, 9]);
    expect(Array.from(withShape(set(1, 3, [30, 60, 90]), { height: 1, width: 1, channels: 1 }).pixels)).toEqual([60]);
  });
});
