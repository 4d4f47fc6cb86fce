import { readFileSync } from 'node:fs';

/**
 * A declared experiment (scripts/experiments/*.json): the grid of `npm run amalgamate` runs that
 * produces one table of docs/results.md. Values are the amalgamate CLI's flags, so each run's
 * record carries a command line that reproduces it without this file.
 */
export type FlagValue = string | number;
export type Flags = Record<string, FlagValue>;

export interface Setting {
  /** Short name used in run labels and `--only` filters, e.g. "a" or "c-joint". */
  name: string;
  flags: Flags;
}

/** One run of a preset: its extra flags, and a tag (added to the record's file name) that tells it apart. */
export interface Variant {
  tag?: string;
  flags?: Flags;
}

export interface PresetRuns {
  preset: string;
  /** `{}` is the plain preset; omitted means just that. */
  variants?: Variant[];
}

export interface Experiment {
  description: string;
  /** Folder the run records go to (relative to the repository root). */
  out: string;
  seeds: number[];
  /** Flags every run shares: the training budget (transfer-limit, epochs, ...). */
  budget: Flags;
  settings: Setting[];
  presets: Array<string | PresetRuns>;
}

export interface PlannedRun {
  /** "preset[:tag] · setting · s<seed>", what `--only` matches against. */
  label: string;
  /** Arguments for `npm run amalgamate --`. */
  argv: string[];
}

export class ExperimentError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ExperimentError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFlags = (v: unknown): v is Flags => isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

function checkPreset(p: unknown): boolean {
  if (typeof p === 'string') return true;
  if (!isObject(p) || typeof p.preset !== 'string') return false;
  if (p.variants === undefined) return true;
  return Array.isArray(p.variants) && p.variants.every((v) => isObject(v) && (v.tag === undefined || typeof v.tag === 'string') && (v.flags === undefined || isFlags(v.flags)));
}

/** Checks the shape only; the flags themselves are checked by the amalgamate CLI's parser. */
export function parseExperiment(json: unknown, file: string): Experiment {
  const fail = (what: string): never => {
    throw new ExperimentError(file, what);
  };
  if (!isObject(json)) return fail('is not a JSON object');
  if (typeof json.description !== 'string') fail('"description" must be a string');
  if (typeof json.out !== 'string' || !json.out) fail('"out" must name a folder');
  if (!Array.isArray(json.seeds) || !json.seeds.length || !json.seeds.every(Number.isInteger)) fail('"seeds" must be a non-empty list of integers');
  if (!isFlags(json.budget)) fail('"budget" must map flags to values');
  const settings = json.settings;
  if (!Array.isArray(settings) || !settings.length || !settings.every((s) => isObject(s) && typeof s.name === 'string' && isFlags(s.flags))) fail('"settings" must be a non-empty list of { name, flags }');
  if (!Array.isArray(json.presets) || !json.presets.length || !json.presets.every(checkPreset)) fail('"presets" must be a non-empty list of names or { preset, variants }');
  return json as unknown as Experiment;
}

export function readExperiment(file: string): Experiment {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ExperimentError(file, err instanceof Error ? err.message : String(err));
  }
  return parseExperiment(json, file);
}

const toArgv = (flags: Flags): string[] => Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, String(value)]);

/**
 * Every run, in the order they are made: preset, then variant, then setting, then seed. Later
 * flags win (setting over budget, variant over setting), so a variant may move a pinned value.
 */
export function expandExperiment(e: Experiment): PlannedRun[] {
  const presetRuns = e.presets.map((p): PresetRuns => (typeof p === 'string' ? { preset: p } : p));
  return presetRuns.flatMap(({ preset, variants = [{}] }) =>
    variants.flatMap((variant) =>
      e.settings.flatMap((setting) =>
        e.seeds.map((seed): PlannedRun => {
          const flags: Flags = { preset, ...e.budget, ...setting.flags, ...variant.flags, seed, out: e.out, ...(variant.tag ? { tag: variant.tag } : {}) };
          const name = variant.tag ? `${preset}:${variant.tag}` : preset;
          return { label: `${name} · ${setting.name} · s${seed}`, argv: toArgv(flags) };
        }),
      ),
    ),
  );
}

/** `--only` keeps the runs whose label or flags contain the text. */
export function selectRuns(runs: PlannedRun[], only: string | undefined): PlannedRun[] {
  if (!only) return runs;
  return runs.filter((r) => r.label.includes(only) || r.argv.join(' ').includes(only));
}
