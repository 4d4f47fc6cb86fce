import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { droppedImageSet } from '../core/data/droppedImages';
import { batchToTensor } from '../core/data/imageTensors';
import { workingResolution } from '../core/data/workingResolution';
import { makeTeacher, type Teacher } from '../core/teachers/loadTeacher';
import type { InputSpec } from '../core/teachers/teacherMetadata';
import { readImageAt } from './imageFiles';
import { encodeGrayPng, encodeRgbPng } from './pngEncode';
import { useNodeBackend } from './wasmBackend';

/**
 * Issue 12's must-show: a dropped colour image reaches every teacher with its colour intact,
 * and a gray one reaches a colour teacher as R = G = B. The images go the way a dropped folder
 * goes (PNG file -> decoded at the working resolution -> the dropped set's bytes -> [0, 1]
 * tensor), and each teacher is a probe whose feature layer is its own input as it receives
 * it (after its resize, channel change and normalisation).
 */

/** A teacher whose features are exactly what it was fed: flatten(input). */
function probeTeacher(input: InputSpec): Teacher {
  const image = tf.input({ shape: [input.height, input.width, input.channels] });
  const features = tf.layers.flatten({ name: 'features' }).apply(image) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 2, kernelInitializer: 'zeros', name: 'out' }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: image, outputs: out });
  const both = tf.model({ inputs: image, outputs: [features, out] });
  const metadata = { id: `probe-${input.height}x${input.channels}`, title: 'probe', labels: ['a', 'b'], input, featureLayer: 'features', featureSize: input.height * input.width * input.channels };
  return makeTeacher(metadata, model, both, 'logits');
}

/** What a teacher received for image `index`, as [height, width, channels] in its own scale. */
function received(teacher: Teacher, images01: tf.Tensor4D, index: number): tf.Tensor3D {
  const { height, width, channels } = teacher.metadata.input;
  return tf.tidy(() => teacher.run(images01.slice(index, 1)).features.reshape([height, width, channels]) as tf.Tensor3D);
}

/** Sum of one channel: the channel-wise checksum. */
const channelSum = (x: tf.Tensor3D, c: number): number => tf.tidy(() => x.slice([0, 0, c], [-1, -1, 1]).sum().arraySync() as number);

/** One channel of the [0, 1] image alone, resized as a gray image to `side`: what that channel must become. */
function channelAlone(images01: tf.Tensor4D, index: number, c: number, side: number): number {
  return tf.tidy(() => {
    const one = images01.slice([index, 0, 0, c], [1, -1, -1, 1]);
    const sized = one.shape[1] === side ? one : tf.image.resizeBilinear(one, [side, side]);
    return sized.sum().arraySync() as number;
  });
}

const WORKING = 32;
/** Red rises left to right, green top to bottom, blue is a checkerboard: three channels no mix could keep apart by accident. */
function colourPicture(width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 3 * (y * width + x);
      [rgb[at], rgb[at + 1], rgb[at + 2]] = [Math.round((255 * x) / (width - 1)), Math.round((200 * y) / (height - 1)), (x + y) % 2 === 0 ? 220 : 30];
    }
  }
  return rgb;
}

describe('a dropped colour image on its way to the teachers', () => {
  const colour = { height: WORKING, width: WORKING, channels: 3 as const, mean: 0, std: 1 };
  let teachers: Teacher[];
  let images01: tf.Tensor4D;
  let picture: Uint8Array;

  beforeAll(async () => {
    await useNodeBackend('wasm');
    teachers = [
      probeTeacher(colour),
      probeTeacher({ ...colour, height: 64, width: 64 }),
      probeTeacher({ ...colour, height: 24, width: 24, mean: 0.5, std: 0.5 }),
      probeTeacher({ height: 28, width: 28, channels: 1, mean: 0, std: 1 }),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'cka-colour-'));
    picture = colourPicture(WORKING, WORKING);
    writeFileSync(path.join(dir, 'a-colour.png'), encodeRgbPng(picture, WORKING, WORKING));
    writeFileSync(path.join(dir, 'b-gray.png'), encodeGrayPng(Uint8Array.from({ length: 40 * 40 }, (_, i) => (i * 5) % 256), 40, 40));
    // The working resolution 'auto' picks from these teachers: the largest is 64 px; the drop is set to 32.
    expect(workingResolution('auto', teachers.map((t) => t.metadata.input))).toBe(64);
    const size = { height: WORKING, width: WORKING };
    const decoded = ['a-colour.png', 'b-gray.png'].map((name) => ({ name, label: null, ...readImageAt(path.join(dir, name), size) }));
    expect(decoded.map((d) => d.channels)).toEqual([3, 1]);
    const set = droppedImageSet('dropped:photos', decoded, false, size);
    expect(set).toMatchObject({ height: WORKING, width: WORKING, channels: 3, count: 2 });
    // The colour file's bytes survive the drop exactly (it is already of the working size).
    expect(Array.from(set.pixels.subarray(0, picture.length))).toEqual(Array.from(picture));
    images01 = batchToTensor({ size: 2, pixels: set.pixels, indices: Int32Array.of(0, 1) }, set);
  });

  it('reaches each colour teacher with each channel its own (channel-wise checksum after resize)', () => {
    for (const teacher of teachers.filter((t) => t.metadata.input.channels === 3)) {
      const { height, mean, std } = teacher.metadata.input;
      const got = received(teacher, images01, 0);
      const sums = [0, 1, 2].map((c) => channelSum(got, c));
      // Undo the teacher's normalisation: sum((x - mean) / std) over n pixels.
      const n = height * height;
      const expected = [0, 1, 2].map((c) => (channelAlone(images01, 0, c, height) - n * mean) / std);
      for (let c = 0; c < 3; c++) expect(sums[c], `${teacher.metadata.id} channel ${c}`).toBeCloseTo(expected[c], 1);
      // And the channels are still different pictures: a tiled gray or a swap would make them equal or reorder them.
      const means = expected.map((s) => (s * std) / n + mean);
      expect(means[0], teacher.metadata.id).toBeGreaterThan(means[1]);
      expect(Math.abs(means[2] - means[1]), teacher.metadata.id).toBeGreaterThan(0.02);
      got.dispose();
    }
  });

  it('at the working size the colour teacher gets the file bytes / 255, pixel for pixel', () => {
    const got = received(teachers[0], images01, 0);
    const bytes = Array.from(got.dataSync(), (v) => Math.round(v * 255));
    expect(bytes).toEqual(Array.from(picture));
    got.dispose();
  });

  it('reaches a gray teacher as one channel: the mean of the three', () => {
    const gray = teachers[3];
    const got = received(gray, images01, 0);
    const expected = tf.tidy(() => tf.image.resizeBilinear(images01.slice(0, 1).mean(3, true) as tf.Tensor4D, [28, 28]).sum().arraySync() as number);
    expect(channelSum(got, 0)).toBeCloseTo(expected, 2);
    got.dispose();
  });

  it('a gray image reaches each colour teacher as R = G = B', () => {
    for (const teacher of teachers.filter((t) => t.metadata.input.channels === 3)) {
      const got = received(teacher, images01, 1);
      const values = got.dataSync();
      let unequal = 0;
      for (let i = 0; i < values.length; i += 3) if (values[i] !== values[i + 1] || values[i + 1] !== values[i + 2]) unequal++;
      expect(unequal, teacher.metadata.id).toBe(0);
      // Not trivially so: the image is not blank.
      expect(Math.max(...values) - Math.min(...values), teacher.metadata.id).toBeGreaterThan(0.5);
      got.dispose();
    }
  });
});
