import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { compactPixels, type CompactPixels, type DropSize } from '../core/data/droppedImages';
import { decodePng } from './pngDecode';

/**
 * A PNG file as the studio makes a dropped image at a working resolution: gray bytes when no
 * pixel has colour, RGB bytes when one has (src/worker/data/imageDecode.ts in the browser).
 * Resized bilinearly when its size differs (the browser's canvas resampling may differ from
 * it by a level).
 */
export function readImageAt(file: string, size: DropSize): CompactPixels {
  return compactPixels(rgbaAt(decodePng(readFileSync(file), file), size));
}

/** RGBA bytes at `size`: as they are when the size matches, else resized bilinearly. */
export function rgbaAt({ width, height, rgba }: { width: number; height: number; rgba: Uint8Array }, size: DropSize): Uint8Array {
  if (width === size.width && height === size.height) return rgba;
  const resized = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(rgba, [height, width, 4], 'float32'), [size.height, size.width]).round().clipByValue(0, 255).dataSync());
  return Uint8Array.from(resized);
}
