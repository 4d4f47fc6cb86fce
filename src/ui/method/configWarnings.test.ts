import { describe, expect, it } from 'vitest';
import { configFromPreset } from '../../core/method/validateConfig';
import { configWarnings } from './configWarnings';

const fields = (c: Parameters<typeof configWarnings>[0]) => configWarnings(c).map((w) => w.field);

describe('configWarnings', () => {
  it('has nothing to say about the presets as shipped', () => {
    for (const preset of ['cka', 'kd', 'cka-no-intra', 'cka-no-align'] as const) expect(fields(configFromPreset(preset))).toEqual([]);
  });

  it('flags a sharp tau, a high learning rate and a zero contrastive weight under cka', () => {
    expect(fields(configFromPreset('cka', { tau: 0.02 }))).toEqual(['tau']);
    expect(fields(configFromPreset('cka', { learningRate: 0.05 }))).toEqual(['learningRate']);
    const w = configWarnings(configFromPreset('cka', { weights: { inter: 0 } }));
    expect(w).toHaveLength(1);
    expect(w[0].text).toContain('inter');
  });

  it('flags the oracle, a kd weight of 0 and a tiny transfer set', () => {
    expect(fields(configFromPreset('oracle'))).toEqual(['supervised']);
    expect(fields(configFromPreset('cka', { weights: { kd: 0 } }))).toEqual(['weights.kd']);
    expect(fields(configFromPreset('kd', { transferLimit: 128 }))).toEqual(['transferLimit']);
  });
});
