import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { settingA } from './settingA';
import { timeToStudent } from './timeToStudent';
import { latestRecords, recordLine, writeTimeToStudentRecord, type Side, type TimeToStudentRecord } from './timeToStudentRecord';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tts-'));
  dirs.push(dir);
  return dir;
}

function record(side: Side, startedAt: string, seconds: number): TimeToStudentRecord {
  const points = [{ step: 50, seconds, accuracy: 0.97 }];
  return {
    kind: 'cka-studio-time-to-student', side, startedAt, command: [], gitCommit: 'abcdef0123', gitDirty: false,
    machine: { cpu: 'x', cores: 2, node: 'v20', backend: 'wasm' }, load: { before: [3.5, 3, 2], after: [4, 3, 2] },
    config: settingA(), evaluateEvery: 50, totalSteps: 937, phases: {}, points, headline: timeToStudent(points), notes: [],
  };
}

describe('time-to-student records', () => {
  it('finds the newest record of each side by its time stamp, not its tag', () => {
    const dir = tempDir();
    writeTimeToStudentRecord(dir, record('cli', '2026-12-05T00:08:43.100Z', 100));
    writeTimeToStudentRecord(dir, record('cli', '2026-12-04T23:00:00.000Z', 90), 'zzz');
    writeTimeToStudentRecord(dir, record('browser', '2026-12-05T00:20:00.000Z', 150));
    writeFileSync(path.join(dir, 'bench-20261205T000000Z.json'), '{}');
    const latest = latestRecords(dir);
    expect(latest.map((l) => [l.record.side, l.record.headline?.seconds])).toEqual([['cli', 100], ['browser', 150]]);
    expect(path.basename(latest[0].file)).toBe('time-to-student-cli-20261205T000843Z.json');
  });

  it('is empty for a folder that does not exist', () => {
    expect(latestRecords(path.join(tempDir(), 'none'))).toEqual([]);
  });

  it('puts the headline, the budget, the commit and the load on one line', () => {
    expect(recordLine(record('cli', '2026-12-05T00:08:43.100Z', 114.9))).toBe(
      'cli (wasm): time to student: 115 s (step 50, 97.00 %, within 1 point of the best 97.00 % at step 50; 1 evaluations); 937 steps of batch 64, all transfer images, evaluated every 50; 2026-12-05T00:08Z, commit abcdef0, load 3.5 before, 4 after',
    );
  });
});
