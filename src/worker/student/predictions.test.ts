import { describe, expect, it } from 'vitest';
import { topClasses } from './predictions';

describe('topClasses', () => {
  it('gives each row its k most likely labels, best first', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.25, 0.25]);
    expect(topClasses(probs, ['a', 'b', 'c'], 2)).toEqual([
      [{ label: 'b', probability: expect.closeTo(0.7, 6) }, { label: 'c', probability: expect.closeTo(0.2, 6) }],
      [{ label: 'a', probability: 0.5 }, { label: 'b', probability: 0.25 }],
    ]);
  });
});
