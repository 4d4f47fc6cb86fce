import { seededRandom, shuffledIndices } from '../random';
import type { LabelledImages } from './labelledImages';

/** A batch of images as uint8 pixels [size, height, width, channels]; `indices` point into the set. */
export interface ImageBatch {
  size: number;
  pixels: Uint8Array;
  indices: Int32Array;
}

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/**
 * The unlabelled transfer set the student learns from. It holds no labels at all, so no
 * ground truth can leak into training by accident; evaluation keeps them elsewhere.
 */
export interface TransferSet extends ImageShape {
  readonly source: string;
  readonly count: number;
  /** One epoch in a seeded order; the last partial batch is dropped when `dropRemainder`. */
  batches(batchSize: number, epoch: number, dropRemainder?: boolean): Generator<ImageBatch>;
  gather(indices: ArrayLike<number>): ImageBatch;
}

/** The order of one epoch: a fresh shuffle per epoch, reproducible from (seed, epoch). */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  return shuffledIndices(count, seededRandom((seed * 7919 + epoch * 104729) >>> 0));
}

export function gatherPixels(pixels: Uint8Array, imageSize: number, indices: ArrayLike<number>): ImageBatch {
  const out = new Uint8Array(indices.length * imageSize);
  const idx = new Int32Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    idx[j] = i;
    out.set(pixels.subarray(i * imageSize, (i + 1) * imageSize), j * imageSize);
  }
  return { size: indices.length, pixels: out, indices: idx };
}

export function* orderedBatches(order: Uint32Array, batchSize: number, dropRemainder: boolean) {
  for (let start = 0; start < order.length; start += batchSize) {
    const end = Math.min(start + batchSize, order.length);
    if (dropRemainder && end - start < batchSize) return;
    yield order.subarray(start, end);
  }
}

export function toTransferSet(images: LabelledImages, seed: number): TransferSet {
  const { pixels, height, width, channels, count, source } = images;
  const imageSize = height * width * channels;
  const gather = (indices: ArrayLike<number>) => gatherPixels(pixels, imageSize, indices);
  return {
    source,
    count,
    height,
    width,
    channels,
    gather,
    *batches(batchSize, epoch, dropRemainder = false) {
      for (const slice of orderedBatches(epochOrder(count, seed, epoch), batchSize, dropRemainder)) yield gather(slice);
    },
  };
}
