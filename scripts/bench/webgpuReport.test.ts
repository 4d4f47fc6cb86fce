import { describe, expect, it } from 'vitest';
import { lossTermNames, type LossTerms } from '../../src/core/method/amalgamationLoss';
import { lossDiffs, type BackendRow } from './webgpuReport';

function row(backend: string, batchSize: number, total: number, intra: number): BackendRow {
  const terms = { ...Object.fromEntries(lossTermNames.map((n) => [n, 1])), intra } as LossTerms;
  return { backend, batchSize, warmup: 1, stepMs: [10], medianMs: 10, firstStep: { step: 1, total, terms }, counts: null };
}

describe('lossDiffs', () => {
  it('compares each backend with the reference at the same batch size only', () => {
    const rows = [row('wasm', 64, 1.5, 0.5), row('webgpu', 64, 1.5001, 0.4), row('wasm', 256, 2, 0.5), row('webgpu', 256, 2, 0.5), row('cpu', 128, 9, 9)];
    const d = lossDiffs(rows, 'wasm');
    expect(d.map((x) => [x.backend, x.batchSize])).toEqual([['webgpu', 64], ['webgpu', 256]]);
    expect(d[0].total).toBeCloseTo(1e-4, 10);
    expect(d[0].maxTerm).toBeCloseTo(0.1, 10);
    expect(d[1]).toMatchObject({ total: 0, maxTerm: 0, reference: 'wasm' });
  });
});
