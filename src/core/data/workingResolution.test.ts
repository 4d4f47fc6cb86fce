import { describe, expect, it } from 'vitest';
import { AUTO_RESOLUTION_CAP, FALLBACK_RESOLUTION, autoSideForFiles, workingResolution } from './workingResolution';

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

  it('for files, never above the largest side their headers give, nor below 8 px', () => {
    const png = (side: number) => {
      const b = new Uint8Array(24);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      new DataView(b.buffer).setUint32(16, side);
      new DataView(b.buffer).setUint32(20, side);
      return b;
    };
    expect(autoSideForFiles(32, [png(28), png(16)])).toBe(28);
    expect(autoSideForFiles(64, [png(500)])).toBe(64);
    expect(autoSideForFiles(32, [png(3)])).toBe(8);
    expect(autoSideForFiles(32, [new Uint8Array(3)])).toBe(32);
  });
});
