import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/method/config';
import { configFromPreset } from '../../core/method/resolveConfig';
import { configDifferences, configFromJson, configToJson, decodeConfigHash, encodeConfigHash } from './configCodec';

describe('config in the URL hash', () => {
  it('round-trips every preset and a hand-edited config', () => {
    const configs = [
      defaultConfig,
      configFromPreset('cfl', { seed: 7, teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist' }),
      { ...configFromPreset('cka', { tau: 0.07, weights: { inter: 0.3 } }), preset: 'custom' as const },
      configFromPreset('oracle', { epochs: 3 }),
    ];
    for (const config of configs) expect(decodeConfigHash(encodeConfigHash(config))).toEqual({ ok: true, config });
  });

  it('keeps links short: only what differs from the defaults', () => {
    expect(configDifferences(defaultConfig)).toEqual({});
    expect(configDifferences(configFromPreset('cka', { seed: 3, weights: { align: 2 } }))).toEqual({ seed: 3, weights: { align: 2 } });
    expect(encodeConfigHash(defaultConfig)).toBe('#config=%7B%7D');
  });

  it('says nothing when the hash has no config', () => {
    expect(decodeConfigHash('')).toBeNull();
    expect(decodeConfigHash('#other=1')).toBeNull();
  });

  it('refuses bad input with a message naming the problem', () => {
    expect(decodeConfigHash('#config=%7Bnot-json')).toEqual({ ok: false, problem: expect.stringContaining('not valid JSON') });
    expect(decodeConfigHash('#config=%5B1%5D')).toEqual({ ok: false, problem: 'the config must be a JSON object' });
    expect(decodeConfigHash(`#config=${encodeURIComponent('{"tau":99}')}`)).toEqual({ ok: false, problem: expect.stringMatching(/^config\.tau must be a number in/) });
    expect(decodeConfigHash(`#config=${encodeURIComponent('{"colour":"red"}')}`)).toEqual({ ok: false, problem: 'config.colour is not a config field' });
    expect(decodeConfigHash(`#config=${encodeURIComponent('{"weights":{"mmd":1}}')}`)).toEqual({ ok: false, problem: 'config.weights.mmd is not a loss weight' });
  });
});

describe('config as a JSON file', () => {
  it('round-trips, and reads the config out of a run record', () => {
    const config = configFromPreset('cka-no-inter', { seed: 2 });
    expect(configFromJson(configToJson(config))).toEqual({ ok: true, config });
    expect(configFromJson(JSON.stringify({ kind: 'cka-studio-run', version: 1, config }))).toEqual({ ok: true, config });
  });

  it('refuses what is not a config', () => {
    expect(configFromJson('{')).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON/) });
    expect(configFromJson('"cka"')).toEqual({ ok: false, problem: 'the config must be a JSON object' });
    expect(configFromJson('{"batchSize":1}')).toMatchObject({ ok: false, problem: expect.stringContaining('config.batchSize') });
  });
});
