import { builtInData, ConfigError, defaultConfig, presetNames, presets, type PresetName, type RunConfig } from './config';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) {
    throw new ConfigError(field, `must be one of ${options.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

function numberIn(value: unknown, field: string, min: number, max: number, integer = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) throw new ConfigError(field, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}] (got ${JSON.stringify(value)})`);
  return value as number;
}

function checkWeights(w: unknown): RunConfig['weights'] {
  if (!isObject(w)) throw new ConfigError('weights', 'must be an object');
  const names = Object.keys(defaultConfig.weights) as (keyof RunConfig['weights'])[];
  for (const key of Object.keys(w)) if (!names.includes(key as keyof RunConfig['weights'])) throw new ConfigError(`weights.${key}`, 'is not a loss weight');
  return Object.fromEntries(names.map((n) => [n, numberIn(w[n] ?? defaultConfig.weights[n], `weights.${n}`, 0, 1000)])) as unknown as RunConfig['weights'];
}

/** A built-in set, or 'dropped:<name>' for images dropped in the studio (the worker checks the name exists). */
function checkData(value: unknown): RunConfig['data'] {
  if (typeof value === 'string' && /^dropped:[A-Za-z0-9._-]{1,100}$/.test(value)) return value as RunConfig['data'];
  if (typeof value === 'string' && (builtInData as readonly string[]).includes(value)) return value as RunConfig['data'];
  throw new ConfigError('data', `must be one of ${builtInData.join(', ')} or dropped:<name> (got ${JSON.stringify(value)})`);
}

function checkTeachers(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new ConfigError('teachers', 'must list at least one teacher id');
  }
  if (new Set(value).size !== value.length) throw new ConfigError('teachers', 'must not name a teacher twice');
  return value as string[];
}

/** Validates every field of a full config; unknown fields are refused, not ignored. */
export function validateConfig(input: unknown): RunConfig {
  if (!isObject(input)) throw new ConfigError('(root)', 'must be an object');
  for (const key of Object.keys(input)) if (!Object.hasOwn(defaultConfig, key)) throw new ConfigError(key, 'is not a config field');
  const c = { ...defaultConfig, ...input } as Json;
  const config: RunConfig = {
    preset: oneOf(c.preset, 'preset', [...presetNames, 'custom']),
    teachers: checkTeachers(c.teachers),
    data: checkData(c.data),
    transferLimit: numberIn(c.transferLimit, 'transferLimit', 0, 1e7, true),
    studentWidth: numberIn(c.studentWidth, 'studentWidth', 4, 256, true),
    taskMode: oneOf(c.taskMode, 'taskMode', ['joint', 'multi-head']),
    combiner: oneOf(c.combiner, 'combiner', ['concat', 'confidence']),
    temperature: numberIn(c.temperature, 'temperature', 0.05, 100),
    tau: numberIn(c.tau, 'tau', 0.01, 10),
    tauAlign: numberIn(c.tauAlign, 'tauAlign', 0.01, 10),
    alignVariant: oneOf(c.alignVariant, 'alignVariant', ['sample', 'relational']),
    projectionSize: numberIn(c.projectionSize, 'projectionSize', 2, 1024, true),
    weights: checkWeights(c.weights),
    supervised: c.supervised === true,
    optimizer: oneOf(c.optimizer, 'optimizer', ['adam', 'sgd']),
    learningRate: numberIn(c.learningRate, 'learningRate', 1e-6, 1),
    batchSize: numberIn(c.batchSize, 'batchSize', 2, 4096, true),
    epochs: numberIn(c.epochs, 'epochs', 1, 1000, true),
    seed: numberIn(c.seed, 'seed', 0, 2 ** 31, true),
  };
  if (typeof c.supervised !== 'boolean') throw new ConfigError('supervised', 'must be true or false');
  if (!config.supervised && Object.values(config.weights).every((w) => w === 0)) {
    throw new ConfigError('weights', 'are all zero: nothing would train the student');
  }
  return config;
}

export type ConfigOverrides = Omit<Partial<RunConfig>, 'weights'> & { weights?: Partial<RunConfig['weights']> };

/** Defaults, then the preset, then the caller's overrides (a sweep may change one weight). */
export function configFromPreset(preset: PresetName, overrides: ConfigOverrides = {}): RunConfig {
  if (!presetNames.includes(preset)) throw new ConfigError('preset', `must be one of ${presetNames.join(', ')} (got ${JSON.stringify(preset)})`);
  const base = presets[preset];
  return validateConfig({
    ...defaultConfig,
    ...base,
    ...overrides,
    preset,
    weights: { ...base.weights, ...overrides.weights },
  });
}
