import { describe, expect, it } from 'vitest';
import type { LabelledImages } from '../../core/data/labelledImages';
import { MAX_SNAPSHOT_POINTS } from '../../core/method/embeddingSnapshot';
import { WorkerFailure } from '../failure';
import { probeImagesHandler } from './probeImagesHandler';

/** n images of 2x2 pixels, image i filled with i % 256, so an image says which one it is. */
function images(n: number): LabelledImages {
  const pixels = Uint8Array.from({ length: n * 4 }, (_, p) => Math.floor(p / 4) % 256);
  return { source: 'test', height: 2, width: 2, channels: 1, count: n, pixels, labels: new Uint8Array(n), labelNames: ['a'] };
}

describe('probeImagesHandler', () => {
  it("gives the session's probe images in probe order", async () => {
    const probe = Int32Array.from([7, 3, 250]);
    const result = await probeImagesHandler(() => ({ probe, inputs: { test: images(300) } }))();
    expect(result).toMatchObject({ count: 3, height: 2, width: 2, channels: 1 });
    expect(Array.from(result.pixels)).toEqual([7, 7, 7, 7, 3, 3, 3, 3, 250, 250, 250, 250]);
  });

  it('caps a large probe set the way snapshots do, so point i is image i', async () => {
    const probe = Int32Array.from({ length: 2 * MAX_SNAPSHOT_POINTS }, (_, i) => i);
    const result = await probeImagesHandler(() => ({ probe, inputs: { test: images(2 * MAX_SNAPSHOT_POINTS) } }))();
    expect(result.count).toBe(MAX_SNAPSHOT_POINTS);
    expect(result.pixels[4 * 1]).toBe(2 % 256); // the snapshot's point 1 is probe index 2 (every other one)
  });

  it('passes on the error when there is no run', async () => {
    const noRun = () => {
      throw new WorkerFailure('training-state', 'cannot send the probe images while training is idle');
    };
    await expect(probeImagesHandler(noRun)()).rejects.toMatchObject({ code: 'training-state' });
  });
});
