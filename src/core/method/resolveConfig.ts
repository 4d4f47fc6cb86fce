import { ConfigError, defaultConfig, presetNames, presets, type LossWeights, type PresetName, type RunConfig } from './config';
import { validateConfig } from './validateConfig';

/**
 * The one way a run's config is put together, by the CLI, the worker and the studio alike:
 * the defaults, then the preset, then a config read from somewhere (a file, a link, a
 * message, or a whole run record of either kind), then the caller's overrides (flags, a
 * sweep's one changed weight). Loss weights merge name by name at every layer.
 */

export type ConfigOverrides = Omit<Partial<RunConfig>, 'weights'> & { weights?: Partial<LossWeights> };

export interface ConfigSources {
  /** The preset chosen here (a --preset flag, the panel's select); it wins over the one the config names. */
  preset?: PresetName | 'custom';
  /** Config fields, whole or in part, or a run record (the CLI's or the studio's) whose config is reused. */
  config?: unknown;
  /** The last word, field by field. */
  overrides?: ConfigOverrides;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The run records the project writes: the CLI's (src/node/runRecords.ts) and the studio's (ui/results/runRecord.ts). */
export const runRecordKinds = ['cka-studio-run', 'cka-studio-browser-run'] as const;

/** Fields some preset sets (besides its name): editing one makes a config 'custom'; choosing another preset resets them. */
export const presetOwnedFields: ReadonlySet<string> = new Set(Object.values(presets).flatMap((p) => Object.keys(p)));

/** The config fields a file holds: the file itself, or the config inside a run record. */
export function configFieldsOf(json: unknown): unknown {
  const isRecord = isObject(json) && (runRecordKinds as readonly unknown[]).includes(json.kind);
  return isRecord ? json.config : json;
}

function checkPreset(name: unknown): PresetName | 'custom' {
  if (name === 'custom' || presetNames.includes(name as PresetName)) return name as PresetName | 'custom';
  throw new ConfigError('preset', `must be one of ${[...presetNames, 'custom'].join(', ')} (got ${JSON.stringify(name)})`);
}

/** Weights merge by name; a value that is not an object is passed on for the validator to refuse by name. */
const mergeWeights = (base: unknown, over: unknown): unknown => (over === undefined ? base : isObject(over) && isObject(base) ? { ...base, ...over } : over);

function layer(base: Json, over: Json): Json {
  return { ...base, ...over, weights: mergeWeights(base.weights, over.weights) };
}

/**
 * The layers merged, not yet validated (the studio's draft may hold a half-typed value).
 * A config that names another preset than the one chosen brings its run fields only: the
 * chosen preset's own fields (weights, temperature, ...) replace its.
 */
export function mergeConfig({ preset, config, overrides = {} }: ConfigSources): Json {
  const given = configFieldsOf(config) ?? {};
  if (!isObject(given)) throw new ConfigError('(root)', 'must be an object');
  const read = asItRan(given);
  const name = checkPreset(preset ?? overrides.preset ?? read.preset ?? defaultConfig.preset);
  const fields = read.preset !== undefined && read.preset !== name ? Object.fromEntries(Object.entries(read).filter(([k]) => !presetOwnedFields.has(k))) : read;
  const base = name === 'custom' ? {} : (presets[name] as Json);
  const merged = [base, fields, overrides as Json].reduce(layer, structuredClone(defaultConfig) as unknown as Json);
  return { ...merged, preset: name };
}

/**
 * A whole config (a record's) written before a field existed ran without it: before target
 * builders, `combiner` alone chose a joint target; before ownership smoothing, owners were hard;
 * before the per-teacher term, only the union target taught the classes; before schedules, the
 * rate was constant.
 * Today's defaults must not be read into such a run.
 */
function asItRan(read: Json): Json {
  const whole = 'combiner' in read && 'taskMode' in read && 'weights' in read;
  if (!whole) return read;
  const weights = read.weights as Json;
  return {
    ...read,
    ...('targetBuilder' in read ? {} : { targetBuilder: read.combiner }),
    ...('ownershipSmoothing' in read ? {} : { ownershipSmoothing: 0 }),
    ...('learningRateSchedule' in read ? {} : { learningRateSchedule: 'constant' }),
    ...('teacherKd' in weights ? {} : { weights: { ...weights, teacherKd: 0 } }),
  };
}

/** Defaults, preset, config (or record), overrides; everything validated (throws ConfigError). */
export const resolveConfig = (sources: ConfigSources): RunConfig => validateConfig(mergeConfig(sources));

/** A preset with a few fields changed: what tests, sweeps and benches start from. */
export const configFromPreset = (preset: PresetName, overrides: ConfigOverrides = {}): RunConfig => resolveConfig({ preset, overrides });
