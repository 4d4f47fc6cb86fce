import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Amalgamation } from '../../src/core/method/amalgamation';
import { commonSpaceWeights } from '../../src/core/method/commonSpace';
import type { ImageBatch, ImageShape } from '../../src/core/data/transferSet';

/**
 * Writes what the PyTorch peer needs to compute the loss of the same batch from the same
 * weights: config.json (run config and image shape), weights.json + weights.bin (the student's
 * and the whole common space's initial weights, tfjs shapes, trainableWeights order, float32
 * little-endian) and batch.bin (the batch's uint8 pixels, NHWC).
 */
export async function dumpForPeer(dir: string, a: Amalgamation, batch: ImageBatch, shape: ImageShape): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const weights = [...a.student.model.trainableWeights, ...commonSpaceWeights(a.space)].map((w) => w.read());
  const values = await Promise.all(weights.map((w) => w.data() as Promise<Float32Array>));
  const specs = weights.map((w, i) => ({ name: `w${i}`, shape: w.shape }));
  const total = values.reduce((n, v) => n + v.length, 0);
  const blob = new Float32Array(total);
  let offset = 0;
  for (const v of values) {
    blob.set(v, offset);
    offset += v.length;
  }
  writeFileSync(path.join(dir, 'weights.json'), JSON.stringify(specs));
  writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(blob.buffer));
  writeFileSync(path.join(dir, 'batch.bin'), batch.pixels);
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ run: a.config, shape: [shape.height, shape.width, shape.channels] }));
}
