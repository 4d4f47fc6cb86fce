import type { DropSize } from './droppedImages';

/**
 * The most decoded pixel bytes one dropped folder may hold in the worker: 1 GiB. A tab's
 * worker runs out of memory not far past 2 GB, and training needs room besides the images
 * (a shuffled copy for a limited transfer set, the teachers' cached outputs, tfjs tensors).
 */
export const DROP_BYTES_CAP = 2 ** 30;

/** Bytes one decoded image takes: a byte per pixel and channel, nothing more (uint8, no float copy). */
export const bytesPerImage = (size: DropSize, channels: 1 | 3): number => size.height * size.width * channels;

/** "12.3 MB": decimal megabytes, as the memory figures in the docs are given. */
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

export interface DropBudget {
  /** Bytes the images would take if every one has colour (the worst case, known before decoding). */
  bytes: number;
  /** How many images of this size fit under the cap. */
  maxImages: number;
  /** Why the drop is refused, or null when it fits. */
  refusal: string | null;
}

/**
 * Whether `count` images fit at this size before one is decoded. Colour is not known until
 * they are, so each is counted at three bytes a pixel: a folder is refused only where even
 * the worst case could not be held, and never after minutes of decoding.
 */
export function dropBudget(count: number, size: DropSize, cap = DROP_BYTES_CAP): DropBudget {
  const each = bytesPerImage(size, 3);
  const bytes = count * each;
  const maxImages = Math.floor(cap / each);
  const refusal =
    bytes <= cap
      ? null
      : `${count.toLocaleString('en-US')} images at ${size.height} × ${size.width} in colour would take ${megabytes(bytes)}, more than the ${megabytes(cap)} a dropped folder may hold in the browser: drop at most ${maxImages.toLocaleString('en-US')} images, or pick a lower working resolution`;
  return { bytes, maxImages, refusal };
}
