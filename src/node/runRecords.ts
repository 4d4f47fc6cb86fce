import { defaultConfig, presets, type RunConfig } from '../core/method/config';
import { unusedFields } from '../core/method/config/fieldRules';
import type { RunRecord } from '../core/method/runAmalgamation';
import { validateConfig } from '../core/method/validateConfig';
import { median } from '../core/median';

/** Where and how a run was made, added by the CLI to what runAmalgamation returns. */
export interface RunProvenance {
  /** A command line that reproduces the run. */
  command: string[];
  gitCommit: string | null;
  gitDirty: boolean | null;
  node: string;
  host: { cores: number; platform: string; arch: string; cpu: string };
  /** The split `final` was scored on; absent in records older than the flag (all test). */
  evaluatedOn: 'test' | 'validation';
}

export type StoredRunRecord = RunRecord & Partial<RunProvenance>;

export class RunRecordError extends Error {
  constructor(readonly where: string, message: string) {
    super(`${where} ${message}`);
    this.name = 'RunRecordError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
// JSON writes NaN as null; a silhouette is NaN when fewer than two classes are present.
const isNumberOrNull = (v: unknown) => v === null || isNumber(v);

function need(ok: boolean, where: string, what: string): void {
  if (!ok) throw new RunRecordError(where, what);
}

function checkEvaluation(e: unknown, where: string): void {
  need(isObject(e), where, 'must be an evaluation object');
  const ev = e as Json;
  need(isNumber(ev.jointAccuracy) && ev.jointAccuracy >= 0 && ev.jointAccuracy <= 1, `${where}.jointAccuracy`, 'must be a number in [0, 1]');
  need(Array.isArray(ev.perTeacher), `${where}.perTeacher`, 'must be an array');
  for (const [i, t] of (ev.perTeacher as unknown[]).entries()) {
    const ok = isObject(t) && typeof t.id === 'string' && isNumber(t.student) && isNumber(t.teacher);
    need(ok, `${where}.perTeacher[${i}]`, 'must have id, student and teacher accuracy');
  }
  const c = ev.cohesion;
  const ok = isObject(c) && isObject(c.trueLabels) && isObject(c.pseudoLabels) && isNumberOrNull(c.trueLabels.silhouette) && isNumberOrNull(c.pseudoLabels.silhouette);
  need(ok, `${where}.cohesion`, 'must hold trueLabels and pseudoLabels silhouettes');
}

/** Checks the parts of a run record that the table reads; the config is validated in full. */
export function parseRunRecord(json: unknown): StoredRunRecord {
  need(isObject(json), 'record', 'must be a JSON object');
  const r = json as Json;
  need(r.kind === 'cka-studio-run', 'record.kind', 'must be "cka-studio-run"');
  need(r.version === 1, 'record.version', 'must be 1');
  try {
    validateConfig(r.config);
  } catch (err) {
    throw new RunRecordError('record.config', `is not a valid config: ${(err as Error).message}`);
  }
  need(Array.isArray(r.teachers) && r.teachers.every((t) => isObject(t) && typeof t.id === 'string'), 'record.teachers', 'must list the teachers');
  need(Array.isArray(r.epochs) && r.epochs.length > 0, 'record.epochs', 'must be a non-empty array');
  checkEvaluation(r.final, 'record.final');
  for (const field of ['transferImages', 'medianStepMs', 'imagesPerSecond', 'wallSeconds'] as const) need(isNumber(r[field]), `record.${field}`, 'must be a number');
  need(typeof r.backend === 'string', 'record.backend', 'must be a string');
  return r as unknown as StoredRunRecord;
}

export interface Stat {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); null with fewer than two values. */
  std: number | null;
}

/** Mean and sample std; nulls (undefined metrics) are left out and n counts what remains. */
export function summarise(values: (number | null)[]): Stat {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  const mean = n ? xs.reduce((s, x) => s + x, 0) / n : NaN;
  const std = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : null;
  return { n, mean, std };
}


/** "92.00 ± 2.00" (values scaled, e.g. by 100 for percent); the std is left out for one value. */
export function formatStat(s: Stat, scale = 100, digits = 2): string {
  if (s.n === 0) return '—';
  const mean = (s.mean * scale).toFixed(digits);
  return s.std === null ? mean : `${mean} ± ${(s.std * scale).toFixed(digits)}`;
}

export const groupKeys = ['data', 'teachers', 'taskMode', 'preset', 'variant', 'budget', 'backend'] as const;
export type GroupKey = (typeof groupKeys)[number];
/** Backend is left out by default: it changes speed, not what a run learns. */
export const defaultGroupBy: GroupKey[] = ['data', 'teachers', 'taskMode', 'preset', 'variant', 'budget'];

/** Fields with their own key or column, or (seed) the very thing a group averages over. */
const notVariant = new Set(['preset', 'teachers', 'data', 'taskMode', 'seed', 'epochs', 'transferLimit']);

function flatten(config: RunConfig): Record<string, unknown> {
  const { weights, ...rest } = config;
  return { ...rest, ...Object.fromEntries(Object.entries(weights).map(([k, v]) => [`w.${k}`, v])) };
}

/** How a config departs from its preset, e.g. "w.intra=0.5, tau=0.2"; '' when it does not. */
export function variantKey(config: RunConfig): string {
  const preset = config.preset === 'custom' ? {} : presets[config.preset];
  const base = flatten({ ...defaultConfig, ...preset, preset: config.preset } as RunConfig);
  // The schema's paths ('weights.kd') in this table's names ('w.kd').
  const unused = new Set([...unusedFields(config)].map((f) => f.replace(/^weights\./, 'w.')));
  return Object.entries(flatten(config))
    .filter(([k, v]) => !notVariant.has(k) && !unused.has(k) && JSON.stringify(v) !== JSON.stringify(base[k]))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function keyOf(r: StoredRunRecord, key: GroupKey): string {
  const c = r.config;
  switch (key) {
    case 'teachers': return c.teachers.join(',');
    case 'variant': return variantKey(c);
    case 'budget': return `${c.epochs}x${r.transferImages}${r.evaluatedOn === 'validation' ? ' (validation)' : ''}`;
    case 'backend': return r.backend;
    default: return String(c[key]);
  }
}

export interface TeacherStats {
  id: string;
  student: Stat;
  teacher: Stat;
}

export interface RunGroup {
  /** Each key's value; distinct values joined by ' | ' where the group does not split on it. */
  key: Record<GroupKey, string>;
  runs: StoredRunRecord[];
  seeds: number[];
  joint: Stat;
  /** The teachers' built target alone (records made before the field: n = 0). */
  routing: Stat;
  perTeacher: TeacherStats[];
  silhouetteTrue: Stat;
  silhouettePseudo: Stat;
  medianStepMs: number;
}

/** Per-teacher accuracies by teacher id, in order of first appearance. */
export function teacherStats(runs: StoredRunRecord[]): TeacherStats[] {
  const ids = [...new Set(runs.flatMap((r) => r.final.perTeacher.map((t) => t.id)))];
  const of = (id: string, pick: 'student' | 'teacher') => runs.map((r) => r.final.perTeacher.find((t) => t.id === id)?.[pick] ?? null);
  return ids.map((id) => ({ id, student: summarise(of(id, 'student')), teacher: summarise(of(id, 'teacher')) }));
}

function summariseGroup(runs: StoredRunRecord[]): RunGroup {
  const distinct = (k: GroupKey) => [...new Set(runs.map((r) => keyOf(r, k)))].join(' | ');
  return {
    key: Object.fromEntries(groupKeys.map((k) => [k, distinct(k)])) as Record<GroupKey, string>,
    runs,
    seeds: runs.map((r) => r.config.seed),
    joint: summarise(runs.map((r) => r.final.jointAccuracy)),
    routing: summarise(runs.map((r) => r.routing ?? null)),
    perTeacher: teacherStats(runs),
    silhouetteTrue: summarise(runs.map((r) => r.final.cohesion.trueLabels.silhouette)),
    silhouettePseudo: summarise(runs.map((r) => r.final.cohesion.pseudoLabels.silhouette)),
    medianStepMs: median(runs.map((r) => r.medianStepMs)),
  };
}

const presetOrder = ['kd', 'cfl', 'cka', 'cka-no-intra', 'cka-no-inter', 'cka-no-align', 'custom', 'oracle'];

/** Setting first, then the method order a reader expects (baselines, CKA, ablations, oracle). */
export function compareGroups(a: RunGroup, b: RunGroup): number {
  for (const k of ['data', 'teachers', 'taskMode'] as const) {
    const c = a.key[k].localeCompare(b.key[k]);
    if (c) return c;
  }
  const rank = (g: RunGroup) => (presetOrder.includes(g.key.preset) ? presetOrder.indexOf(g.key.preset) : presetOrder.length);
  return rank(a) - rank(b) || a.key.preset.localeCompare(b.key.preset) || a.key.variant.localeCompare(b.key.variant) || a.key.budget.localeCompare(b.key.budget, 'en', { numeric: true });
}

/** Runs that agree on every key in groupBy form one group (one table row). */
export function groupRuns(records: StoredRunRecord[], groupBy: GroupKey[] = defaultGroupBy): RunGroup[] {
  const groups = new Map<string, StoredRunRecord[]>();
  for (const r of records) {
    const id = JSON.stringify(groupBy.map((k) => keyOf(r, k)));
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  return [...groups.values()].map(summariseGroup).sort(compareGroups);
}
