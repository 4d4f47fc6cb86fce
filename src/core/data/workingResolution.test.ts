import { describe, expect, it } from 'vitest';
import { AUTO_RESOLUTION_CAP, FALLBACK_RESOLUTION, workingResolution } from './workingResolution';

const side = (n: number) => ({ height: n, width: n });

describe('the working resolution', () => {
  it('takes a number as set, whatever the teachers want', () => {
    expect(workingResolution('96', [side(28)])).toBe(96);
    expect(workingResolution('28', [side(224)], 32)).toBe(28);
    expect(workingResolution('128', [], 32)).toBe(128);
  });

  it('auto: the largest teacher input, capped at 64', () => {
    expect(workingResolution('auto', [side(28), side(32)])).toBe(32);
    expect(workingResolution('auto', [side(28), side(224)])).toBe(AUTO_RESOLUTION_CAP);
    expect(workingResolution('auto', [{ height: 40, width: 48 }])).toBe(48);
  });

  it('auto never upsamples past the data, and falls back to 28 px with no teacher', () => {
    expect(workingResolution('auto', [side(64)], 32)).toBe(32);
    expect(workingResolution('auto', [side(28)], 32)).toBe(28);
    expect(workingResolution('auto', [])).toBe(FALLBACK_RESOLUTION);
    expect(workingResolution('auto', [], 64)).toBe(28);
  });
});
