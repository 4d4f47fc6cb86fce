import { DROPPED_SIZE, toGrayscale, toRgb, type WorkingShape } from '../../core/data/droppedImages';

/**
 * One PNG or JPEG file to bytes of the working shape (gray or RGB), off the main thread: the
 * browser's own decoder (createImageBitmap), then an OffscreenCanvas to resize and read the
 * pixels. No colour-space conversion, so a PNG of the right size reads back byte for byte.
 */
export async function decodeImage(bytes: ArrayBuffer, shape: WorkingShape = DROPPED_SIZE): Promise<Uint8Array> {
  const { width, height } = shape;
  const bitmap = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d context for decoding images');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const rgba = context.getImageData(0, 0, width, height).data;
    return shape.channels === 3 ? toRgb(rgba) : toGrayscale(rgba);
  } finally {
    bitmap.close();
  }
}

/** 28 x 28 gray, as the student's Try it takes a drawing or a dropped image. */
export const decodeToGray = (bytes: ArrayBuffer): Promise<Uint8Array> => decodeImage(bytes, DROPPED_SIZE);
