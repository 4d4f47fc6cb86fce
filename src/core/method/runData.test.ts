import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabelledImages } from '../data/labelledImages';
import { atWorkingResolution } from './runData';

const images = (side: number, channels: number, count = 2): LabelledImages => ({
  source: `s${side}`, height: side, width: side, channels, count, pixels: new Uint8Array(count * side * side * channels).fill(100), labels: new Uint8Array(count), labelNames: ['a'],
});
const side = (n: number) => ({ height: n, width: n });

describe('a run at its working resolution', () => {
  beforeAll(async () => void (await tf.setBackend('cpu')));

  it('leaves a set alone when auto agrees with its size (MNIST with MNIST teachers)', () => {
    const run = { train: images(28, 1), test: images(28, 1) };
    const out = atWorkingResolution({ resolution: 'auto' }, [side(28), side(28)], run);
    expect(out.train).toBe(run.train);
    expect(out.test).toBe(run.test);
  });

  it('auto shrinks to the teachers, and the evaluation set takes the transfer set\'s shape and channels', () => {
    // Colour photos dropped at 64 px, teachers of 32 px, evaluated on a gray 28 px built-in set.
    const out = atWorkingResolution({ resolution: 'auto' }, [side(32)], { train: images(64, 3), test: images(28, 1, 3) });
    expect(out.train).toMatchObject({ height: 32, width: 32, channels: 3, count: 2 });
    expect(out.test).toMatchObject({ height: 32, width: 32, channels: 3, count: 3 });
    expect(out.test.pixels.every((v) => v === 100)).toBe(true);
  });

  it('a set resolution upsamples; auto never does', () => {
    const run = { train: images(32, 3), test: images(32, 3) };
    expect(atWorkingResolution({ resolution: '64' }, [side(32)], run).train).toMatchObject({ height: 64, channels: 3 });
    expect(atWorkingResolution({ resolution: 'auto' }, [side(224)], run).train).toBe(run.train);
  });
});
