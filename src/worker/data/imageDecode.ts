import { DROPPED_SIZE, toGrayscale } from '../../core/data/droppedImages';

/**
 * One PNG or JPEG file to DROPPED_SIZE gray bytes, off the main thread: the browser's own
 * decoder (createImageBitmap), then an OffscreenCanvas to resize and read the pixels.
 * No colour-space conversion, so a gray PNG of the right size reads back byte for byte.
 */
export async function decodeToGray(bytes: ArrayBuffer): Promise<Uint8Array> {
  const { width, height } = DROPPED_SIZE;
  const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d context for decoding images');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return toGrayscale(context.getImageData(0, 0, width, height).data);
  } finally {
    bitmap.close();
  }
}
