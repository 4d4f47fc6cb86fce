import * as tf from '@tensorflow/tfjs';
import { settingA } from './settingA';
import { seriesTable, timeToStudentLine } from './timeToStudent';
import { loadNow, provenance, writeTimeToStudentRecord, type TimeToStudentRecord } from './timeToStudentRecord';
import { measureCli } from './timeToStudentRun';

export interface TimeToStudentOptions {
  /** Evaluate every this many steps: the studio's default cadence is 50. */
  every: number;
  /** Transfer images per epoch (0 = all, the default config); smaller only to try the command out. */
  transferLimit: number;
  out: string;
  tag: string | null;
  /** The npm command line, for the record. */
  command: string[];
}

/** Measures time-to-student in this process (on the backend it runs), prints it and writes the record; returns the record's file. */
export async function timeToStudentCli(o: TimeToStudentOptions): Promise<string> {
  const config = settingA(o.transferLimit);
  const where = provenance();
  console.log(`\nTime to student: setting (a), ${config.preset}, ${config.teachers.join(' + ')} on ${config.data}, ${config.transferLimit === 0 ? 'all' : config.transferLimit} transfer images, ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}, batch ${config.batchSize}, evaluated on the test split every ${o.every} steps (load ${where.load.join(', ')})`);
  const m = await measureCli(config, tf.getBackend(), o.every, (p) => console.log(`  step ${p.step}: ${p.seconds.toFixed(1)} s, ${(100 * p.accuracy).toFixed(2)} %`));
  const after = loadNow();
  console.log(`\n${seriesTable(m.points, { header: 'seconds, evaluations left out', cell: (_, i) => m.points[i].trainingSeconds.toFixed(1) })}`);
  console.log(`\nphases (s since Start): data and teachers read ${m.phases.loaded.toFixed(1)}, pre-pass done ${m.phases.prepared.toFixed(1)}, last step and evaluation ${m.phases.trained.toFixed(1)}; median step ${m.medianStepMs.toFixed(0)} ms; load ${after.join(', ')} after`);
  console.log(m.headline ? `CLI ${timeToStudentLine(m.headline)}` : 'CLI: no evaluation was made');
  if (m.trainingOnly) console.log(`CLI, evaluations left out of the clock: ${timeToStudentLine(m.trainingOnly)}`);
  const record: TimeToStudentRecord = {
    kind: 'cka-studio-time-to-student',
    side: 'cli',
    startedAt: where.startedAt,
    command: o.command,
    gitCommit: where.gitCommit,
    gitDirty: where.gitDirty,
    machine: { cpu: where.cpu, cores: where.cores, node: process.version, backend: tf.getBackend() },
    load: { before: where.load, after },
    config,
    evaluateEvery: o.every,
    totalSteps: m.totalSteps,
    phases: m.phases,
    points: m.points,
    headline: m.headline,
    trainingOnly: m.trainingOnly,
    notes: [`median step ${m.medianStepMs.toFixed(1)} ms`, 'Start = before reading the data and teachers; the pre-pass and every evaluation count in the headline'],
  };
  const file = writeTimeToStudentRecord(o.out, record, o.tag);
  console.log(`record: ${file}`);
  return file;
}
