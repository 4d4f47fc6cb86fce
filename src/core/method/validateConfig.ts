import { ConfigError, defaultConfig, type RunConfig } from './config';
import type { EnumSpec, FieldSpec, ListSpec, NumberSpec } from './config/fieldKinds';
import { fieldPaths } from './config/fieldPaths';
import { configSchema, crossFieldRules } from './config/schema';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkEnum(value: unknown, field: string, spec: EnumSpec): string {
  if (typeof value === 'string' && (spec.options.includes(value) || spec.pattern?.test.test(value))) return value;
  const also = spec.pattern ? ` or ${spec.pattern.text}` : '';
  throw new ConfigError(field, `must be one of ${spec.options.join(', ')}${also} (got ${JSON.stringify(value)})`);
}

function checkNumber(value: unknown, field: string, { min, max, integer }: NumberSpec): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok) throw new ConfigError(field, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}] (got ${JSON.stringify(value)})`);
  return value as number;
}

function checkList(value: unknown, field: string, { item }: ListSpec): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new ConfigError(field, `must list at least one ${item} id`);
  }
  if (new Set(value).size !== value.length) throw new ConfigError(field, `must not name a ${item} twice`);
  return [...(value as string[])];
}

function checkField(value: unknown, field: string, spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'number': return checkNumber(value, field, spec);
    case 'enum': return checkEnum(value, field, spec);
    case 'list': return checkList(value, field, spec);
    case 'bool':
      if (typeof value !== 'boolean') throw new ConfigError(field, 'must be true or false');
      return value;
  }
}

/** The loss weights must be an object of known names; those left out take their defaults. */
function checkWeightsObject(weights: unknown): Json {
  if (weights === undefined) return {};
  if (!isObject(weights)) throw new ConfigError('weights', 'must be an object');
  for (const key of Object.keys(weights)) if (!Object.hasOwn(defaultConfig.weights, key)) throw new ConfigError(`weights.${key}`, 'is not a loss weight');
  return weights;
}

/** Validates every field of a config, filling what is left out from the defaults; unknown fields are refused, not ignored. */
export function validateConfig(input: unknown): RunConfig {
  if (!isObject(input)) throw new ConfigError('(root)', 'must be an object');
  // `in` would also see Object.prototype, letting inherited names pass as config fields.
  for (const key of Object.keys(input)) if (!Object.hasOwn(defaultConfig, key)) throw new ConfigError(key, 'is not a config field');
  const weights = checkWeightsObject(input.weights);
  const out: Json = {};
  for (const path of fieldPaths) {
    const spec = configSchema[path];
    if (path.startsWith('weights.')) {
      const name = path.slice('weights.'.length);
      out.weights = { ...(out.weights as Json), [name]: checkField(weights[name] ?? spec.default, path, spec) };
    } else out[path] = checkField(Object.hasOwn(input, path) ? input[path] : spec.default, path, spec);
  }
  const config = out as unknown as RunConfig;
  for (const rule of crossFieldRules) {
    const broken = rule(config);
    if (broken) throw new ConfigError(broken.field, broken.message);
  }
  return config;
}
