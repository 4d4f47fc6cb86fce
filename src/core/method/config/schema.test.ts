import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig } from '../config';
import { validateConfig } from '../validateConfig';
import { fieldPaths, fieldsIn, valueAt, weightNames } from './fieldPaths';
import { configSchema } from './schema';

/** The default config with one field (a loss weight included) set to `value`. */
function withValue(path: string, value: unknown): Record<string, unknown> {
  return path.startsWith('weights.')
    ? { ...defaultConfig, weights: { ...defaultConfig.weights, [path.slice('weights.'.length)]: value } }
    : { ...defaultConfig, [path]: value };
}

function refusedField(input: unknown): string {
  try {
    validateConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).field;
  }
  throw new Error('validateConfig accepted it');
}

describe('the config schema', () => {
  it('describes every field of the default config and nothing else', () => {
    const top = [...new Set(fieldPaths.map((p) => p.split('.')[0]))];
    expect(top).toEqual(Object.keys(defaultConfig));
    expect(weightNames).toEqual(Object.keys(defaultConfig.weights));
    for (const path of fieldPaths) expect(valueAt(defaultConfig, path)).toEqual(configSchema[path].default);
  });

  it('gives every field words, a form group and a CLI flag of its own', () => {
    for (const path of fieldPaths) {
      const spec = configSchema[path];
      expect(spec.label.length, path).toBeGreaterThan(0);
      expect(spec.help.length, path).toBeGreaterThan(10);
      expect(spec.flag, path).toMatch(/^[a-z][a-z-]*$/);
    }
    const flags = fieldPaths.map((p) => configSchema[p].flag);
    expect(new Set(flags).size).toBe(flags.length);
    expect(fieldsIn('weights')).toEqual(weightNames.map((w) => `weights.${w}`));
  });

  it('every number field: validateConfig takes both ends of its range and refuses just past them', () => {
    for (const path of fieldPaths) {
      const spec = configSchema[path];
      if (spec.kind !== 'number') continue;
      expect(() => validateConfig(withValue(path, spec.min)), path).not.toThrow();
      expect(() => validateConfig(withValue(path, spec.max)), path).not.toThrow();
      expect(refusedField(withValue(path, spec.max + 1)), path).toBe(path);
      expect(refusedField(withValue(path, spec.min - (spec.integer ? 1 : spec.min / 2 || 1))), path).toBe(path);
      if (spec.integer) expect(refusedField(withValue(path, spec.min + 0.5)), path).toBe(path);
    }
  });

  it('every choice field: validateConfig takes each option and refuses another word', () => {
    for (const path of fieldPaths) {
      const spec = configSchema[path];
      if (spec.kind !== 'enum') continue;
      for (const option of spec.options) expect(valueAt(validateConfig(withValue(path, option)), path), path).toBe(option);
      expect(refusedField(withValue(path, 'no-such-option')), path).toBe(path);
    }
  });

  it('a field has no effect on the defaults only where its rule says so', () => {
    const unused = fieldPaths.filter((p) => configSchema[p].unusedWhen?.(defaultConfig));
    // The default student's trunk is its own (no trunk teacher to read), and it is joint: one target from the target builder, no heads to combine;
    // self-refinement is off by default, so its settings are not read (the switch is, over three epochs).
    expect(unused).toEqual(['studentTrunkTeacher', 'combiner', 'refineThreshold', 'refineFromEpoch', 'refineMaxShare']);
  });
});
