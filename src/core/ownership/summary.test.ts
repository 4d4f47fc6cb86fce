import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countOwners, disposeOwnershipFit, fitOwnership, ownershipSummary } from '.';
import { spec, t2, useCpu } from './testing.testutil';

beforeAll(useCpu);

describe('countOwners', () => {
  it('counts each teacher’s images and the ones whose owner moved', () => {
    expect(countOwners([0, 1, 1, 2, 0], [0, 0, 1, 2, 2], 3)).toEqual({ images: 5, owned: [2, 2, 1], changed: 2 });
    expect(countOwners([], [], 2)).toEqual({ images: 0, owned: [0, 0], changed: 0 });
  });
});

describe('ownershipSummary', () => {
  // Teacher A answers every image with logits around 8 (a loud teacher), B around 2; B is
  // sure of images 2 and 3 relative to its own usual level, A is not (its logits are flat there).
  const logits = () => [
    t2([
      [9, 1],
      [9, 1],
      [8, 8],
      [8, 8],
    ]),
    t2([
      [2, 0, 0],
      [2, 0, 0],
      [6, 0, 0],
      [6, 0, 0],
    ]),
  ];

  it('concat gives every image to the loud teacher and changes nothing', async () => {
    const evidence = { logits: logits() };
    const summary = await ownershipSummary(fitOwnership(spec('concat'), evidence), evidence, 1);
    expect(summary).toEqual({ images: 4, owned: [4, 0], changed: 0 });
    tf.dispose(evidence.logits);
  });

  it('a standardised builder moves the images the quiet teacher is sure of, and counts the move', async () => {
    const evidence = { logits: logits() };
    const before = tf.memory().numTensors;
    const fit = fitOwnership(spec('z-max-logit'), evidence);
    const summary = await ownershipSummary(fit, evidence, 1);
    disposeOwnershipFit(fit);
    expect(summary).toEqual({ images: 4, owned: [2, 2], changed: 2 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(evidence.logits);
  });
});
