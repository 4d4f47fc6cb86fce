/**
 * One typed, validated description of an amalgamation run. Presets are partial configs laid
 * over the defaults; every field is checked so a bad value is named, not silently used.
 */
export type TaskMode = 'joint' | 'multi-head';
export type Combiner = 'concat' | 'confidence';
export type AlignVariant = 'sample' | 'relational';
export type OptimizerName = 'adam' | 'sgd';
export type BuiltInData = 'mnist' | 'fashion-mnist' | 'mnist+fashion-mnist';
export const builtInData: readonly BuiltInData[] = ['mnist', 'fashion-mnist', 'mnist+fashion-mnist'];
/** Built in, or images dropped in the studio ('dropped:<name>'), which live in the browser worker only. */
export type TransferData = BuiltInData | `dropped:${string}`;
export const isBuiltInData = (data: string): data is BuiltInData => (builtInData as readonly string[]).includes(data);
export const presetNames = ['kd', 'cfl', 'cka', 'cka-no-intra', 'cka-no-inter', 'cka-no-align', 'oracle'] as const;
export type PresetName = (typeof presetNames)[number];

export interface LossWeights {
  kd: number;
  intra: number;
  inter: number;
  align: number;
  /** CFL's common-feature term (MMD) and reconstruction term. */
  cflMmd: number;
  cflReconstruction: number;
}

export interface RunConfig {
  preset: PresetName | 'custom';
  teachers: string[];
  data: TransferData;
  /** Use at most this many transfer images per epoch (0 = all). */
  transferLimit: number;
  studentWidth: number;
  taskMode: TaskMode;
  combiner: Combiner;
  temperature: number;
  tau: number;
  tauAlign: number;
  alignVariant: AlignVariant;
  projectionSize: number;
  weights: LossWeights;
  /** Train on true labels instead of teachers: the oracle upper bound (evaluation only). */
  supervised: boolean;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

/** CKA's weights and temperatures were chosen by the sweep declared in scripts/experiments/sweep-cka.json (docs/results.md). */
export const defaultConfig: RunConfig = {
  preset: 'cka',
  teachers: ['mnist-0-4', 'mnist-5-9'],
  data: 'mnist',
  transferLimit: 0,
  studentWidth: 32,
  taskMode: 'joint',
  combiner: 'concat',
  temperature: 4,
  tau: 0.2,
  tauAlign: 0.2,
  alignVariant: 'sample',
  projectionSize: 64,
  weights: { kd: 1, intra: 0.1, inter: 0.1, align: 1, cflMmd: 0, cflReconstruction: 0 },
  supervised: false,
  optimizer: 'adam',
  learningRate: 1e-3,
  batchSize: 64,
  epochs: 1,
  seed: 1,
};

type PresetFields = Omit<Partial<RunConfig>, 'weights'> & { weights: LossWeights };
const off = { intra: 0, inter: 0, align: 0, cflMmd: 0, cflReconstruction: 0 };
const cka = defaultConfig.weights;

/**
 * What each preset sets; run-specific fields (teachers, data, seed, ...) come from elsewhere.
 * CFL follows its official code: concat combiner, T = 1, common-feature weight 10 on
 * (MMD + 1 x reconstruction).
 */
export const presets: Record<PresetName, PresetFields> = {
  kd: { weights: { kd: 1, ...off } },
  cfl: { combiner: 'concat', temperature: 1, weights: { kd: 1, ...off, cflMmd: 10, cflReconstruction: 10 } },
  cka: { weights: cka },
  'cka-no-intra': { weights: { ...cka, intra: 0 } },
  'cka-no-inter': { weights: { ...cka, inter: 0 } },
  'cka-no-align': { weights: { ...cka, align: 0 } },
  oracle: { supervised: true, weights: { kd: 0, ...off } },
};

export class ConfigError extends Error {
  constructor(readonly field: string, message: string) {
    super(`config.${field} ${message}`);
    this.name = 'ConfigError';
  }
}
