import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, presets } from './config';
import { configFieldsOf, configFromPreset, mergeConfig, resolveConfig, runRecordKinds } from './resolveConfig';

function configError(make: () => unknown): ConfigError {
  try {
    make();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveConfig', () => {
  it('nothing given is the defaults', () => {
    expect(resolveConfig({})).toEqual(defaultConfig);
  });

  it('lays defaults, preset, config, overrides, in that order', () => {
    const c = resolveConfig({ preset: 'cfl', config: { seed: 5, temperature: 2, weights: { kd: 3 } }, overrides: { seed: 6, weights: { cflMmd: 4 } } });
    expect(c).toMatchObject({ preset: 'cfl', seed: 6, temperature: 2, combiner: 'concat' });
    expect(c.weights).toEqual({ ...presets.cfl.weights, kd: 3, cflMmd: 4 });
  });

  it('the preset a config names fills what it leaves out', () => {
    expect(resolveConfig({ config: { preset: 'cfl', seed: 2 } })).toEqual(configFromPreset('cfl', { seed: 2 }));
    expect(resolveConfig({ config: { preset: 'custom', tau: 0.3 } })).toEqual({ ...defaultConfig, preset: 'custom', tau: 0.3 });
  });

  it('a whole config comes back unchanged, whichever preset it names', () => {
    for (const config of [configFromPreset('oracle', { epochs: 3 }), { ...configFromPreset('cka', { weights: { inter: 0.3 } }), preset: 'custom' as const }]) {
      expect(resolveConfig({ config })).toEqual(config);
    }
  });

  it('a whole config older than a field reads as it ran, not with today\'s default', () => {
    const { targetBuilder, ownershipSmoothing, learningRateSchedule, weights, ...rest } = configFromPreset('cka', { combiner: 'confidence' });
    const { teacherKd, ...oldWeights } = weights;
    expect([targetBuilder, typeof ownershipSmoothing, learningRateSchedule, teacherKd]).toEqual(['cluster', 'number', 'cosine', 1]);
    const old = { ...rest, weights: oldWeights };
    expect(resolveConfig({ config: old })).toMatchObject({ targetBuilder: 'confidence', ownershipSmoothing: 0, learningRateSchedule: 'constant', weights: { ...oldWeights, teacherKd: 0 } });
    // A partial config is not a run: the preset fills it.
    expect(resolveConfig({ config: { preset: 'cka', seed: 2 } }).ownershipSmoothing).toBe(configFromPreset('cka').ownershipSmoothing);
  });

  it('reads the config out of a run record of either kind', () => {
    const config = configFromPreset('kd', { seed: 9, teachers: ['fashion-0-4', 'fashion-5-9'], data: 'fashion-mnist' });
    for (const kind of runRecordKinds) {
      expect(configFieldsOf({ kind, version: 1, config })).toBe(config);
      expect(resolveConfig({ config: { kind, version: 1, config, final: null } })).toEqual(config);
    }
    // Anything else is a config, and its unknown fields are refused by name.
    expect(configError(() => resolveConfig({ config: { kind: 'other', config } })).field).toBe('kind');
  });

  it('a chosen preset other than the config\'s own replaces the preset\'s fields and keeps the run fields', () => {
    const record = configFromPreset('cfl', { seed: 4, epochs: 2, tau: 0.3 });
    const c = resolveConfig({ preset: 'kd', config: record });
    expect(c).toEqual(configFromPreset('kd', { seed: 4, epochs: 2, tau: 0.3 }));
    // The same preset keeps what the config changed in it.
    const tuned = configFromPreset('kd', { weights: { align: 2 } });
    expect(resolveConfig({ preset: 'kd', config: tuned })).toEqual(tuned);
    // A config naming no preset is a set of changes on top of the chosen one.
    expect(resolveConfig({ preset: 'kd', config: { weights: { align: 2 } } })).toEqual(tuned);
  });

  it('refuses a bad preset, a non-object config and bad fields by name', () => {
    expect(configError(() => resolveConfig({ config: { preset: 'magic' } })).message).toMatch(/must be one of kd, .*custom \(got "magic"\)/);
    expect(configError(() => resolveConfig({ config: [1] })).field).toBe('(root)');
    expect(configError(() => resolveConfig({ config: { weights: [1, 2] } })).field).toBe('weights');
    expect(configError(() => resolveConfig({ overrides: { batchSize: 1 } })).field).toBe('batchSize');
  });

  it('mergeConfig does not validate (a draft may be half typed) and mutates nothing', () => {
    const before = JSON.stringify({ presets, defaultConfig });
    expect(mergeConfig({ preset: 'kd', config: { ...defaultConfig, tau: -1 } })).toMatchObject({ preset: 'kd', tau: -1 });
    resolveConfig({ preset: 'cka', overrides: { weights: { intra: 9 } } });
    expect(JSON.stringify({ presets, defaultConfig })).toBe(before);
  });
});
