import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunConfig } from '../../src/core/method/config';
import { fileStamp, gitState } from '../cli/recordStamp';
import { timeToStudentLine, type TimedEvaluation, type TimeToStudent } from './timeToStudent';

/**
 * The record a time-to-student measurement writes under runs/bench/ (time-to-student-<side>-
 * <stamp>.json), the CLI's and the browser's alike, and the summary `npm run bench` prints
 * from the newest of each beside its step table.
 */

export type Side = 'cli' | 'browser';

export interface TimeToStudentRecord {
  kind: 'cka-studio-time-to-student';
  side: Side;
  startedAt: string;
  command: string[];
  gitCommit: string | null;
  gitDirty: boolean | null;
  machine: { cpu: string; cores: number; node: string; backend: string };
  /** os.loadavg() (1, 5, 15 minutes) before and after: the machine is shared, and a loaded one is slower. */
  load: { before: number[]; after: number[] };
  config: RunConfig;
  evaluateEvery: number;
  totalSteps: number;
  /** Phases of the wait, in seconds since Start, where the side can see them. */
  phases: Record<string, number>;
  points: TimedEvaluation[];
  /** The headline: evaluations counted in the wait, as the user's clock counts them. */
  headline: TimeToStudent | null;
  /** The CLI only: the same series on a clock that leaves every evaluation out. */
  trainingOnly?: TimeToStudent | null;
  notes: string[];
}

/** Where and when: the commit, the machine and its load now. */
export function provenance(): Pick<TimeToStudentRecord, 'startedAt' | 'gitCommit' | 'gitDirty'> & { cpu: string; cores: number; load: number[] } {
  return {
    startedAt: new Date().toISOString(),
    ...gitState(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    load: loadNow(),
  };
}

export const loadNow = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function writeTimeToStudentRecord(dir: string, record: TimeToStudentRecord, tag?: string | null): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `time-to-student-${record.side}-${tag ? `${tag}-` : ''}${fileStamp(record.startedAt)}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
  return file;
}

/** The newest record of each side in `dir` (file names sort by time within a side). */
export function latestRecords(dir: string): { file: string; record: TimeToStudentRecord }[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => /^time-to-student-(cli|browser)-.*\.json$/.test(f));
  return (['cli', 'browser'] as const).flatMap((side) => {
    const mine = files.filter((f) => f.startsWith(`time-to-student-${side}-`)).sort((a, b) => stampOf(a).localeCompare(stampOf(b)));
    const file = mine.at(-1);
    return file ? [{ file: path.join(dir, file), record: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as TimeToStudentRecord }] : [];
  });
}

const stampOf = (file: string) => file.match(/(\d{8}T\d{6}Z)\.json$/)?.[1] ?? file;

/** One line for a record: side, budget, headline, when, commit and load. */
export function recordLine(r: TimeToStudentRecord): string {
  const budget = `${r.totalSteps} steps of batch ${r.config.batchSize}, ${r.config.transferLimit === 0 ? 'all' : r.config.transferLimit} transfer images, evaluated every ${r.evaluateEvery}`;
  const head = r.headline ? timeToStudentLine(r.headline) : 'no evaluation reached';
  const load = `load ${r.load.before[0]} before, ${r.load.after[0]} after`;
  return `${r.side} (${r.machine.backend}): ${head}; ${budget}; ${r.startedAt.slice(0, 16)}Z, commit ${r.gitCommit?.slice(0, 7) ?? '?'}${r.gitDirty ? '+' : ''}, ${load}`;
}
