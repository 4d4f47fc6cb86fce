import { describe, expect, it } from 'vitest';
import { changedText, ownershipRows } from './ownershipRows';

const o = { builder: 'cluster', teachers: ['mnist-0-4', 'mnist-5-9'], images: 6400, owned: [3264, 3136], changed: 512 };

describe('ownership rows', () => {
  it('gives each teacher its images and share, in the run’s order', () => {
    expect(ownershipRows(o)).toEqual([
      { teacher: 'mnist-0-4', images: 3264, share: 51 },
      { teacher: 'mnist-5-9', images: 3136, share: 49 },
    ]);
    expect(ownershipRows({ ...o, images: 0, owned: [0, 0] }).map((r) => r.share)).toEqual([0, 0]);
  });

  it('says how many images moved away from concatenation’s owner', () => {
    expect(changedText(o)).toBe('512 of 6,400 images (8.0 %) go to a different teacher than plain concatenation would give them to.');
  });
});
