/**
 * One typed, validated description of an amalgamation run. Every field is declared once, in
 * config/schema.ts; the type and the defaults here are read from it. Presets are partial
 * configs laid over the defaults; every field is checked so a bad value is named, not
 * silently used.
 */
import type { ConfigOf } from './config/fieldKinds';
import { configSchema, type ConfigSchema } from './config/schema';

export { ConfigError } from './config/configError';
export { builtInData, presetNames, type BuiltInData, type OptimizerName, type PresetName, type TransferData } from './config/schema';
import { builtInData, type BuiltInData, type PresetName } from './config/schema';

// An interface (not an alias) so the schema's rules can name it while it is derived from them.
export interface RunConfig extends ConfigOf<ConfigSchema> {}
export type LossWeights = RunConfig['weights'];
export type TaskMode = RunConfig['taskMode'];
export type Combiner = RunConfig['combiner'];
export type AlignVariant = RunConfig['alignVariant'];

export const isBuiltInData = (data: string): data is BuiltInData => (builtInData as readonly string[]).includes(data);

function defaultsOf(): RunConfig {
  const out: Record<string, unknown> = {};
  for (const [path, spec] of Object.entries(configSchema)) {
    const value = Array.isArray(spec.default) ? [...spec.default] : spec.default;
    if (path.startsWith('weights.')) out.weights = { ...(out.weights as object), [path.slice('weights.'.length)]: value };
    else out[path] = value;
  }
  return out as unknown as RunConfig;
}

/** Every field at its schema default (preset cka); CKA's weights and temperatures were chosen by the sweep declared in scripts/experiments/sweep-cka.json (docs/results.md). */
export const defaultConfig: RunConfig = defaultsOf();

type PresetFields = Omit<Partial<RunConfig>, 'weights'> & { weights: LossWeights };
const off = { teacherKd: 0, intra: 0, inter: 0, align: 0, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0 };
const cka = defaultConfig.weights;
/** The papers' setting for the baselines and for CKA before target builders. */
const constantRate = { learningRateSchedule: 'constant' } as const;
/** What cka and its ablations share besides their weights: cluster owners and the cosine rate (both chosen on validation). */
const ckaOwned = { targetBuilder: 'cluster', learningRateSchedule: 'cosine' } as const;

/**
 * What each preset sets; run-specific fields (teachers, data, seed, ...) come from elsewhere.
 * KD and CFL keep their papers' concatenated targets; CFL follows its official code: concat,
 * T = 1, common-feature weight 10 on (MMD + 1 x reconstruction). CKA decides which teacher owns
 * each image (cluster ownership, docs/method.md) and keeps every teacher's ranking of its own
 * classes on every image (the per-teacher term), with a cosine rate; cka-concat is CKA with
 * concatenated targets, as it was before target builders.
 */
export const presets: Record<PresetName, PresetFields> = {
  kd: { targetBuilder: 'concat', ...constantRate, weights: { kd: 1, ...off } },
  cfl: { targetBuilder: 'concat', ...constantRate, combiner: 'concat', temperature: 1, weights: { kd: 1, ...off, cflMmd: 10, cflReconstruction: 10 } },
  cka: { ...ckaOwned, weights: cka },
  'cka-concat': { targetBuilder: 'concat', ...constantRate, weights: cka },
  'cka-no-intra': { ...ckaOwned, weights: { ...cka, intra: 0 } },
  'cka-no-inter': { ...ckaOwned, weights: { ...cka, inter: 0 } },
  'cka-no-align': { ...ckaOwned, weights: { ...cka, align: 0 } },
  oracle: { supervised: true, ...constantRate, weights: { kd: 0, ...off } },
};
