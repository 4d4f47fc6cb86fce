import { describe, expect, it } from 'vitest';
import type { BackendKind, BackendName, BackendTrialRow } from '../../protocol/messages';
import { chooseBackend } from './backendTrialChoice';

function row(backend: BackendName, kind: BackendKind, ms: number | 'too slow' | 'failed'): BackendTrialRow {
  const status = typeof ms === 'number' ? 'timed' : ms;
  return { backend, kind, device: '', status, msPerStep: typeof ms === 'number' ? ms : null, detail: '', firstLoss: null, startMs: null };
}

describe('chooseBackend', () => {
  it('takes the fastest timed backend, naming the runner-up', () => {
    const rows = [row('wasm', 'cpu-simd', 220), row('cpu', 'cpu', 'too slow'), row('webgpu', 'software-gpu', 180)];
    expect(chooseBackend(rows)).toEqual({ backend: 'webgpu', reason: 'fastest: 180 ms/step, ahead of wasm at 220 ms/step' });
  });

  it('takes a real GPU only where its measured step beats wasm, and says so', () => {
    expect(chooseBackend([row('wasm', 'cpu-simd', 100), row('webgpu', 'gpu', 101)])?.backend).toBe('wasm');
    expect(chooseBackend([row('wasm', 'cpu-simd', 100), row('webgpu', 'gpu', 99)])).toEqual({
      backend: 'webgpu', reason: 'fastest: real GPU, 99 ms/step, ahead of wasm at 100 ms/step',
    });
    expect(chooseBackend([row('wasm', 'cpu-simd', 100), row('webgl', 'software-gpu', 101)])?.backend).toBe('wasm');
  });

  it('honours an override that trains, even a slow one, and says what was faster', () => {
    const rows = [row('wasm', 'cpu-simd', 220), row('cpu', 'cpu', 'too slow')];
    expect(chooseBackend(rows, 'cpu')).toEqual({ backend: 'cpu', reason: 'requested; fastest was wasm at 220 ms/step' });
    expect(chooseBackend(rows, 'wasm')).toEqual({ backend: 'wasm', reason: 'requested' });
  });

  it('falls back to the table when the override failed, and says so', () => {
    const rows = [row('wasm', 'cpu-simd', 220), row('webgl', 'gpu', 'failed')];
    expect(chooseBackend(rows, 'webgl')).toEqual({
      backend: 'wasm',
      reason: 'requested webgl does not train here; fastest: 220 ms/step, the only backend timed',
    });
  });

  it('gives up when nothing finished its timed steps', () => {
    expect(chooseBackend([row('cpu', 'cpu', 'too slow'), row('webgpu', 'gpu', 'failed')])).toBeNull();
  });
});
