import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunConfig } from '../../src/core/method/config';
import type { RunProvenance, StoredRunRecord } from '../../src/node/runRecords';
import { fileStamp, gitState } from './recordStamp';

/** Where the run was made; `command` is the npm form, which reproduces it from the repository root. */
export function provenance(args: string[], evaluatedOn: RunProvenance['evaluatedOn'] = 'test'): RunProvenance {
  return {
    command: ['npm', 'run', 'amalgamate', '--', ...args],
    evaluatedOn,
    ...gitState(),
    node: process.version,
    host: { cores: os.availableParallelism(), platform: process.platform, arch: process.arch, cpu: os.cpus()[0]?.model ?? 'unknown' },
  };
}

/** "mnist-0-4,mnist-5-9" -> "mnist-0-4+5-9": a shared first word is written once; a model folder by its last name. */
export function teachersShort(paths: string[]): string {
  const ids = paths.map((p) => path.basename(p.replace(/[\\/]+$/, '')).replace(/[^A-Za-z0-9._-]+/g, '-'));
  const first = ids[0].split('-')[0];
  const shared = ids.length > 1 && ids.every((id) => id.startsWith(`${first}-`));
  return shared ? `${first}-${ids.map((id) => id.slice(first.length + 1)).join('+')}` : ids.join('+');
}

export function recordFileName(config: RunConfig, startedAt: string, tag?: string): string {
  const parts = [config.preset, config.data, teachersShort(config.teachers), `s${config.seed}`, ...(tag ? [tag] : []), fileStamp(startedAt)];
  return `${parts.join('-')}.json`;
}

/** Written under a temporary name first, so an interrupted write never leaves half a record. */
export function writeRunRecord(dir: string, record: StoredRunRecord, tag?: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, recordFileName(record.config, record.startedAt, tag));
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}
