/**
 * `npm run student-speed`: one student training step (forward, backward, Adam update, the
 * loss read back) per architecture at 28 px gray, 32 px RGB and 64 px RGB, batch 64, at width
 * 32 and at the default width, on the Node wasm backend: a few warm-up steps, then the median of the timed ones.
 * Prints a table and, with --write, rewrites src/core/method/studentStepTimes.ts, the
 * figures the method panel shows beside the architecture choice (docs/performance.md).
 * Only the student is timed: the teachers' passes and the other loss terms of a real run add to it.
 * Both the wall clock and the process's CPU time are kept; the panel shows the CPU time, which a
 * shared machine's load moves far less (docs/performance.md).
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { defaultConfig } from '../src/core/method/config';
import { studentArchs } from '../src/core/method/config/schema';
import { median } from '../src/core/median';
import { buildStudent, runStudent } from '../src/core/method/student';
import type { StepTimeMeasurement, StudentStepTime } from '../src/core/method/studentSpeed';
import { useNodeBackend } from '../src/node/wasmBackend';

const BATCH = 64;
const CLASSES = 10;
const WARMUP = 3;
const STEPS = 10;
const SHAPES = [
  { side: 28, channels: 1 },
  { side: 32, channels: 3 },
  { side: 64, channels: 3 },
];
/** Width 32 was the default until the fourth selection round (docs/results.md) and stays a common choice. */
const WIDTHS = [...new Set([32, defaultConfig.studentWidth])];
const TABLE_FILE = 'src/core/method/studentStepTimes.ts';

/** One student step as training takes it: soft targets stand in for the teachers' (a fixed random batch). */
function timeSteps(row: Omit<StudentStepTime, 'wallMs' | 'cpuMs'>): { wallMs: number; cpuMs: number } {
  const student = buildStudent({ height: row.side, width: row.side, channels: row.channels }, row.width, [row.classes], 1, row.arch);
  const x = tf.randomUniform([row.batch, row.side, row.side, row.channels], 0, 1, 'float32', 3) as tf.Tensor4D;
  const targets = tf.softmax(tf.randomNormal([row.batch, row.classes], 0, 1, 'float32', 4));
  const optimizer = tf.train.adam(1e-3);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < WARMUP + STEPS; i++) {
    const [t0, c0] = [performance.now(), process.cpuUsage()];
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, runStudent(student, x, true).heads[0]) as tf.Scalar, true);
    loss!.dataSync();
    const c = process.cpuUsage(c0);
    if (i >= WARMUP) {
      wall.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    loss!.dispose();
  }
  tf.dispose([x, targets]);
  optimizer.dispose();
  student.model.dispose();
  return { wallMs: Math.round(median(wall) * 10) / 10, cpuMs: Math.round(median(cpu) * 10) / 10 };
}

function tableSource(m: StepTimeMeasurement): string {
  const rows = m.rows.map((r) => `    ${JSON.stringify(r)},`).join('\n');
  return `import type { StepTimeMeasurement } from './studentSpeed';

/**
 * Written by \`${m.command}\` on ${m.date} (scripts/student-speed.ts): measured, not
 * estimated; the method panel shows these figures as they are, scaled by nothing.
 * Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, tfjs ${m.tfjs} wasm (1 thread), load average ${m.loadAverage} (shared).
 */
export const studentStepTimes: StepTimeMeasurement = {
  date: ${JSON.stringify(m.date)},
  command: ${JSON.stringify(m.command)},
  cpu: ${JSON.stringify(m.cpu)},
  cores: ${m.cores},
  node: ${JSON.stringify(m.node)},
  tfjs: ${JSON.stringify(m.tfjs)},
  loadAverage: ${m.loadAverage},
  rows: [
${rows}
  ],
};
`;
}

async function main(write: boolean): Promise<void> {
  await useNodeBackend('wasm');
  const m: StepTimeMeasurement = {
    date: new Date().toISOString().slice(0, 10),
    command: 'npm run student-speed -- --write',
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    node: process.version,
    tfjs: tf.version.tfjs,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    rows: [],
  };
  console.log(`${m.cpu}, ${m.cores} cores, load average ${m.loadAverage}; batch ${BATCH}, median of ${STEPS} steps after ${WARMUP} warm-up`);
  console.log('| arch | input | width | params | wall ms/step | cpu ms/step |\n| --- | --- | --- | --- | --- | --- |');
  for (const arch of studentArchs) {
    for (const { side, channels, width } of SHAPES.flatMap((shape) => WIDTHS.map((width) => ({ ...shape, width })))) {
      const row = { arch, side, channels, width, classes: CLASSES, batch: BATCH };
      const times = timeSteps(row);
      m.rows.push({ ...row, ...times });
      const params = buildStudent({ height: side, width: side, channels }, row.width, [CLASSES], 1, arch);
      console.log(`| ${arch} | ${side} × ${side} × ${channels} | ${row.width} | ${params.model.countParams()} | ${times.wallMs} | ${times.cpuMs} |`);
      params.model.dispose();
    }
  }
  if (write) {
    writeFileSync(TABLE_FILE, tableSource(m));
    console.log(`wrote ${TABLE_FILE}`);
  }
}

await main(process.argv.includes('--write'));
