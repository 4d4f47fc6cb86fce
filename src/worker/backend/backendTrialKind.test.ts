import { describe, expect, it } from 'vitest';
import type { AdapterInfo } from '../../protocol/messages';
import { backendKind } from './backendTrialKind';

const adapter = (architecture: string, isFallbackAdapter: boolean): AdapterInfo => ({
  vendor: 'google',
  architecture,
  device: '',
  description: '',
  isFallbackAdapter,
});

describe('backendKind', () => {
  it('calls a fallback or software WebGPU adapter a software GPU', () => {
    expect(backendKind('webgpu', { adapter: adapter('swiftshader', true) })).toBe('software-gpu');
    // Some software adapters do not raise the flag; the name gives them away.
    expect(backendKind('webgpu', { adapter: adapter('swiftshader', false) })).toBe('software-gpu');
    expect(backendKind('webgpu', { adapter: { ...adapter('', false), vendor: 'mesa', description: 'llvmpipe (LLVM 15)' } })).toBe('software-gpu');
    expect(backendKind('webgpu', { adapter: { ...adapter('ampere', false), vendor: 'nvidia' } })).toBe('gpu');
  });

  it('reads WebGL from its renderer string', () => {
    const swiftShader = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    expect(backendKind('webgl', { renderer: swiftShader })).toBe('software-gpu');
    expect(backendKind('webgl', { renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0)' })).toBe('gpu');
  });

  it('tells SIMD wasm from plain code', () => {
    expect(backendKind('wasm', { simd: true })).toBe('cpu-simd');
    expect(backendKind('wasm', { simd: false })).toBe('cpu');
    expect(backendKind('cpu', {})).toBe('cpu');
  });
});
