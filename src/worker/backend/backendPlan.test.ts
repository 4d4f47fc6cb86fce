import { describe, expect, it } from 'vitest';
import type { AdapterInfo } from '../../protocol/messages';
import { backendPlan, selectionReason } from './backendPlan';

const adapter = (isFallbackAdapter: boolean): AdapterInfo => ({
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter,
});

describe('backendPlan', () => {
  it('leads with webgpu on a hardware adapter', () => {
    expect(backendPlan(undefined, adapter(false))).toEqual([
      { backend: 'webgpu' },
      { backend: 'wasm' },
      { backend: 'webgl' },
      { backend: 'cpu' },
    ]);
  });

  it('skips webgpu on a fallback adapter or none', () => {
    expect(backendPlan(undefined, adapter(true))[0]).toEqual({
      backend: 'webgpu',
      skip: 'fallback adapter only (google swiftshader)',
    });
    expect(backendPlan(undefined, null)[0]).toEqual({ backend: 'webgpu', skip: 'no WebGPU adapter' });
  });

  it('tries a requested backend first, even webgpu on a fallback adapter', () => {
    const plan = backendPlan('webgpu', adapter(true));
    expect(plan.map((s) => s.backend)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(plan[0].skip).toBeUndefined();
  });

  it('keeps the rest of the default order after a requested backend', () => {
    const plan = backendPlan('cpu', adapter(true));
    expect(plan.map((s) => s.backend)).toEqual(['cpu', 'webgpu', 'wasm', 'webgl']);
    expect(plan[1].skip).toMatch(/fallback/);
  });
});

describe('selectionReason', () => {
  it('says requested when the preference won', () => {
    expect(selectionReason('wasm', 'wasm', [])).toBe('requested');
  });

  it('lists what was passed over', () => {
    const reason = selectionReason('wasm', undefined, [
      { backend: 'webgpu', outcome: 'skipped', detail: 'no WebGPU adapter' },
      { backend: 'wasm', outcome: 'selected', detail: 'matMul ok' },
    ]);
    expect(reason).toBe('webgpu skipped: no WebGPU adapter');
  });

  it('says first choice when nothing was passed over', () => {
    expect(selectionReason('webgpu', undefined, [{ backend: 'webgpu', outcome: 'selected', detail: '' }])).toBe(
      'first choice',
    );
  });
});
