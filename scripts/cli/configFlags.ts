import { readFileSync } from 'node:fs';
import { ConfigError, presetNames, type PresetName, type RunConfig } from '../../src/core/method/config';
import { configFromPreset, validateConfig, type ConfigOverrides } from '../../src/core/method/validateConfig';
import { UsageError } from './args';

type Kind = 'number' | 'string' | 'list';

/** Each command-line flag and the RunConfig field it sets ('weights.x' for a loss weight). */
export const configFlags: Record<string, { field: string; kind: Kind }> = {
  preset: { field: 'preset', kind: 'string' },
  teachers: { field: 'teachers', kind: 'list' },
  data: { field: 'data', kind: 'string' },
  seed: { field: 'seed', kind: 'number' },
  epochs: { field: 'epochs', kind: 'number' },
  'transfer-limit': { field: 'transferLimit', kind: 'number' },
  'batch-size': { field: 'batchSize', kind: 'number' },
  lr: { field: 'learningRate', kind: 'number' },
  optimizer: { field: 'optimizer', kind: 'string' },
  'task-mode': { field: 'taskMode', kind: 'string' },
  combiner: { field: 'combiner', kind: 'string' },
  temperature: { field: 'temperature', kind: 'number' },
  tau: { field: 'tau', kind: 'number' },
  'tau-align': { field: 'tauAlign', kind: 'number' },
  'align-variant': { field: 'alignVariant', kind: 'string' },
  projection: { field: 'projectionSize', kind: 'number' },
  width: { field: 'studentWidth', kind: 'number' },
  'w-kd': { field: 'weights.kd', kind: 'number' },
  'w-intra': { field: 'weights.intra', kind: 'number' },
  'w-inter': { field: 'weights.inter', kind: 'number' },
  'w-align': { field: 'weights.align', kind: 'number' },
  'w-cfl-mmd': { field: 'weights.cflMmd', kind: 'number' },
  'w-cfl-rec': { field: 'weights.cflReconstruction', kind: 'number' },
};

type Fields = Record<string, unknown> & { weights?: Record<string, unknown> };

function parseValue(raw: string, field: string, kind: Kind): unknown {
  if (kind === 'list') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (kind === 'string') return raw;
  // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) throw new ConfigError(field, `must be a number (got "${raw}")`);
  return Number(raw);
}

/** The config fields the flags set, with loss weights nested as in RunConfig. */
export function flagFields(flags: Map<string, string>): Fields {
  const out: Fields = {};
  for (const [flag, raw] of flags) {
    const spec = configFlags[flag];
    if (!spec) continue;
    const value = parseValue(raw, spec.field, spec.kind);
    const [head, tail] = spec.field.split('.');
    if (tail) out.weights = { ...out.weights, [tail]: value };
    else out[head] = value;
  }
  return out;
}

/** A config file holds config fields, or is a whole run record whose config is reused. */
export function readConfigFile(file: string): Fields {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--config ${file}: ${(err as Error).message}`);
  }
  const obj = json as Fields;
  const fields = obj?.kind === 'cka-studio-run' ? obj.config : obj;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new UsageError(`--config ${file}: must hold a JSON object`);
  return fields as Fields;
}

/** Defaults, then the preset, then the config file, then the flags; everything validated. */
export function resolveConfig(fromFile: Fields, fromFlags: Fields): RunConfig {
  const { preset = fromFile.preset, ...flagRest } = fromFlags;
  const merged = { ...fromFile, ...flagRest, weights: { ...fromFile.weights, ...fromFlags.weights } };
  if (preset === 'custom') return validateConfig({ ...merged, preset });
  if (preset === undefined) throw new ConfigError('preset', `is required: give --preset (${presetNames.join(', ')})`);
  if (!presetNames.includes(preset as PresetName)) throw new ConfigError('preset', `must be one of ${presetNames.join(', ')}, custom (got ${JSON.stringify(preset)})`);
  delete (merged as Fields).preset;
  return configFromPreset(preset as PresetName, merged as ConfigOverrides);
}

/** Names the flag behind a bad field, so the message says what to change on the command line. */
export function describeConfigError(err: ConfigError, flags: Map<string, string>): string {
  const flag = Object.entries(configFlags).find(([f, spec]) => spec.field === err.field && flags.has(f))?.[0];
  if (flag) return `--${flag} ${flags.get(flag)}: ${err.message}`;
  if (flags.has('config')) return `${err.message} (from --config ${flags.get('config')} or the preset)`;
  return err.message;
}
