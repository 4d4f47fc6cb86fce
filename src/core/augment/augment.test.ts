import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentImages, axisShifts, neighbourShifts, shiftImages } from '.';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A 2-image 6x6 batch, each with one lit pixel: image 0 at (row 2, col 3), image 1 at (row 4, col 1). */
function dots(): tf.Tensor4D {
  const values = new Float32Array(2 * 36);
  values[2 * 6 + 3] = 1;
  values[36 + 4 * 6 + 1] = 0.5;
  return tf.tensor4d(values, [2, 6, 6, 1]);
}

function litPixels(images: tf.Tensor4D): [number, number, number, number][] {
  const [b, h, w] = images.shape;
  const v = images.dataSync();
  const out: [number, number, number, number][] = [];
  for (let i = 0; i < b; i++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (v[(i * h + y) * w + x] !== 0) out.push([i, y, x, v[(i * h + y) * w + x]]);
  return out;
}

describe('shiftImages', () => {
  it('moves a known pixel right and down by whole pixels, keeping its value', () => {
    const x = dots();
    const moved = shiftImages(x, 2, -1);
    expect(litPixels(moved)).toEqual([[0, 1, 5, 1], [1, 3, 3, 0.5]]);
    tf.dispose([x, moved]);
  });

  it('fills with zeros: a pixel pushed off the edge is gone', () => {
    const x = dots();
    const moved = shiftImages(x, -2, 0);
    expect(litPixels(moved)).toEqual([[0, 2, 1, 1]]);
    expect(litPixels(shiftImages(x, 6, 0))).toEqual([]);
    tf.dispose(x);
  });

  it('refuses fractional shifts', () => {
    const x = dots();
    expect(() => shiftImages(x, 0.5, 0)).toThrow(/whole pixels/);
    x.dispose();
  });

  it('lists the axis and neighbour shifts without the identity', () => {
    expect(axisShifts(2)).toHaveLength(4);
    expect(neighbourShifts(1)).toHaveLength(8);
    expect(neighbourShifts(1)).not.toContainEqual([0, 0]);
  });
});

describe('augmentImages', () => {
  const x = () => tf.tidy(() => tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 3) as tf.Tensor4D);

  it('gives the same output for the same seed and a different one for another seed', () => {
    const images = x();
    const options = { maxShift: 2, maxRotationDegrees: 10, noiseStd: 0.1 };
    const a = augmentImages(images, options, 7).dataSync();
    const b = augmentImages(images, options, 7).dataSync();
    const c = augmentImages(images, options, 8).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    images.dispose();
  });

  it('with shifts only, every image is a whole-pixel shift of its own original', () => {
    // 8x8 images, one lit pixel each, at least 2 pixels from every border: no shift can drop it.
    const values = new Float32Array(6 * 64);
    const spots = [[2, 3], [5, 2], [3, 5], [4, 4], [2, 2], [5, 5]];
    spots.forEach(([y, x], i) => (values[i * 64 + y * 8 + x] = (i + 1) / 10));
    const images = tf.tensor4d(values, [6, 8, 8, 1]);
    const out = augmentImages(images, { maxShift: 2, maxRotationDegrees: 0, noiseStd: 0 }, 5);
    const lit = litPixels(out);
    expect(lit.map(([i]) => i)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [i, y, x, v] of lit) {
      expect(v).toBeCloseTo((i + 1) / 10, 6);
      expect(Math.abs(y - spots[i][0])).toBeLessThanOrEqual(2);
      expect(Math.abs(x - spots[i][1])).toBeLessThanOrEqual(2);
    }
    // Six images, 25 possible shifts: the draws differ between images.
    expect(new Set(lit.map(([i, y, x]) => `${y - spots[i][0]},${x - spots[i][1]}`)).size).toBeGreaterThan(1);
    tf.dispose([images, out]);
  });

  it('keeps pixels in [0, 1] after noise, and everything off returns a copy', () => {
    const images = x();
    const noisy = augmentImages(images, { maxShift: 0, maxRotationDegrees: 0, noiseStd: 0.5 }, 1);
    expect(noisy.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(noisy.max().dataSync()[0]).toBeLessThanOrEqual(1);
    const same = augmentImages(images, { maxShift: 0, maxRotationDegrees: 0, noiseStd: 0 }, 1);
    expect(Array.from(same.dataSync())).toEqual(Array.from(images.dataSync()));
    tf.dispose([images, noisy, same]);
  });

  it('a rotation turns about the centre: the centre pixel stays, an off-centre one moves', () => {
    // Eight copies of one 7x7 image lit at the centre (3, 3) and at the top middle (0, 3).
    const values = new Float32Array(8 * 49);
    for (let i = 0; i < 8; i++) values[i * 49 + 3 * 7 + 3] = values[i * 49 + 3] = 1;
    const images = tf.tensor4d(values, [8, 7, 7, 1]);
    const out = augmentImages(images, { maxShift: 0, maxRotationDegrees: 30, noiseStd: 0 }, 4).dataSync();
    for (let i = 0; i < 8; i++) expect(out[i * 49 + 3 * 7 + 3]).toBe(1);
    expect(Array.from({ length: 8 }, (_, i) => out[i * 49 + 3]).filter((v) => v === 0).length).toBeGreaterThan(0);
    images.dispose();
  });

  it('leaves no tensors behind but its output', () => {
    const images = x();
    const before = tf.memory().numTensors;
    const out = augmentImages(images, { maxShift: 1, maxRotationDegrees: 5, noiseStd: 0.1 }, 1);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([images, out]);
  });
});
