import { compactPixels, type CompactPixels, type DropSize } from '../../core/data/droppedImages';

/** The browser's decoder and canvas: the image file drawn at `size`, as RGBA bytes. */
async function decodeToRgba(bytes: ArrayBuffer, { width, height }: DropSize): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d context for decoding images');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return context.getImageData(0, 0, width, height).data;
  } finally {
    bitmap.close();
  }
}

/**
 * One PNG or JPEG file to `size`, off the main thread: gray bytes when no pixel has colour,
 * RGB bytes when one has. No colour-space conversion, so a PNG of the right size reads back
 * byte for byte.
 */
export async function decodeImage(bytes: ArrayBuffer, size: DropSize): Promise<CompactPixels> {
  return compactPixels(await decodeToRgba(bytes, size));
}
