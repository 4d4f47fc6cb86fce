import * as tf from '@tensorflow/tfjs';
import type { NamedBytes } from '../core/teachers/droppedFiles';
import { TM_IMAGE_SIZE } from '../core/teachers/tmExport';

/**
 * @teachablemachine/image 0.8's documented load() and predict(), reimplemented for tests:
 * the library itself pins @tensorflow/tfjs 1.3.1 as its peer and calls Tensor.toFloat(),
 * removed in tfjs 2, so it cannot run beside this project's tfjs 4.22.
 * load(model, metadata) = tf.loadLayersModel + metadata.json's labels; predict(image) = the
 * image drawn centre-cropped on a 224 x 224 canvas, read as RGB, x / 127 - 1, and the
 * model's output read as the class probabilities (no softmax of its own).
 */
export async function tmLoad(files: NamedBytes[]): Promise<{ model: tf.LayersModel; labels: string[]; imageSize: unknown }> {
  const text = (name: string) => new TextDecoder().decode(files.find((f) => f.name === name)!.bytes);
  const json = JSON.parse(text('model.json')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const weightData = files.find((f) => f.name === json.weightsManifest[0].paths[0])!.bytes;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }));
  const metadata = JSON.parse(text('metadata.json')) as { labels: string[]; imageSize?: unknown };
  return { model, labels: metadata.labels, imageSize: metadata.imageSize };
}

/**
 * predict() on square gray images in [0, 1], drawn on TM's 224 canvas: `smooth` as a browser
 * canvas scales them (bilinear, pixel centres, rounded to bytes), else as pixel blocks.
 */
export function tmPredict(model: tf.LayersModel, gray01: tf.Tensor4D, smooth: boolean): number[][] {
  return tf.tidy(() => {
    const pixels = gray01.mul(255).tile([1, 1, 1, 3]) as tf.Tensor4D;
    const size: [number, number] = [TM_IMAGE_SIZE, TM_IMAGE_SIZE];
    const canvas = smooth ? tf.image.resizeBilinear(pixels, size, false, true).round() : tf.image.resizeNearestNeighbor(pixels, size);
    return (model.predict(canvas.div(127).sub(1)) as tf.Tensor2D).arraySync();
  });
}
