/**
 * `npm run bench`: the studio's training step on the Node wasm backend against a PyTorch peer
 * (bench/peer/, a comparison only), for the MNIST pair and presets kd / cfl / cka at batch 64
 * and 256. tfjs and torch rows are interleaved in one run so that both see the same machine
 * load; every figure is a median. Writes a record under runs/bench/ (docs/performance.md).
 * Beside the step table it prints the newest time-to-student records (CLI and browser); with
 * --time-to-student it first measures the CLI's anew (minutes: a whole run of setting (a)).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { presetNames, type PresetName } from '../src/core/method/config';
import { DEFAULT_TEACHER_CACHE_BYTES } from '../src/core/method/teacherCache';
import { useNodeBackend } from '../src/node/wasmBackend';
import { loadBenchData } from './bench/benchSetup';
import { flopTable, kernelTable, microTable, parityTable, phaseTable, stepTable, type BenchRecord } from './bench/benchReport';
import { microBench } from './bench/microBench';
import { PeerClient, peerUnavailable } from './bench/peerClient';
import { checkParity } from './bench/peerParity';
import { timeRow } from './bench/benchRow';
import { probeTfjsRow } from './bench/tfjsProbes';
import { parseArgs, UsageError } from './cli/args';
import { fileStamp, gitState } from './cli/recordStamp';
import { timeToStudentCli } from './bench/timeToStudentCli';
import { latestRecords, recordLine } from './bench/timeToStudentRecord';

const usage = `usage: npm run bench -- [--presets kd,cfl,cka] [--batches 64,256] [--steps 20] [--warmup 3]
                       [--peer-threads 1] [--no-peer] [--cache-mb 64] [--out runs/bench] [--tag name]
                       [--time-to-student]
  --steps         timed steps per row (after --warmup), each epoch of the row holds warmup + steps
  --peer-threads  torch.set_num_threads for the PyTorch peer (tfjs wasm has 1 thread in Node)
  --cache-mb      teacher-output cache bound (0 = off: no cached column)
  --time-to-student  also measure time-to-student for setting (a) in this process (as npm run time-to-student)`;

interface Options {
  presets: PresetName[];
  batches: number[];
  steps: number;
  warmup: number;
  peerThreads: number;
  peer: boolean;
  cacheBytes: number;
  out: string;
  tag: string | null;
  timeToStudent: boolean;
}

const ints = (s: string, name: string) => s.split(',').map((w) => {
  const n = Number(w);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name}: ${w} is not a whole number`);
  return n;
});

function options(argv: string[]): Options | 'help' {
  if (argv.includes('--help')) return 'help';
  const spec = { presets: 'value', batches: 'value', steps: 'value', warmup: 'value', 'peer-threads': 'value', 'no-peer': 'switch', 'cache-mb': 'value', out: 'value', tag: 'value', 'time-to-student': 'switch' } as const;
  const { flags, positionals } = parseArgs(argv, spec);
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const presets = (flags.get('presets') ?? 'kd,cfl,cka').split(',');
  const bad = presets.filter((p) => !(presetNames as readonly string[]).includes(p));
  if (bad.length > 0) throw new UsageError(`unknown preset ${bad.join(', ')}`);
  const [steps] = ints(flags.get('steps') ?? '20', 'steps');
  const [warmup] = ints(flags.get('warmup') ?? '3', 'warmup');
  if (steps < 1) throw new UsageError('--steps must be at least 1');
  return {
    presets: presets as PresetName[],
    batches: ints(flags.get('batches') ?? '64,256', 'batches'),
    steps,
    warmup,
    peerThreads: ints(flags.get('peer-threads') ?? '1', 'peer-threads')[0],
    peer: !flags.has('no-peer'),
    cacheBytes: flags.has('cache-mb') ? ints(flags.get('cache-mb')!, 'cache-mb')[0] * 2 ** 20 : DEFAULT_TEACHER_CACHE_BYTES,
    out: flags.get('out') ?? 'runs/bench',
    tag: flags.get('tag') ?? null,
    timeToStudent: flags.has('time-to-student'),
  };
}

/** The newest time-to-student record of each side: the headline figure, beside the step table. */
function printTimeToStudent(dir: string): void {
  const latest = latestRecords(dir);
  const lines = latest.length > 0 ? latest.map(({ file, record }) => `  ${recordLine(record)}\n    (${file})`) : [`  no record in ${dir}: npm run time-to-student (CLI), E2E_BENCH=time-to-student npx playwright test e2e/bench/timeToStudent.spec.ts (browser)`];
  console.log(`\nTime to student, setting (a) with the default config (newest record of each side; --time-to-student measures the CLI's now):\n${lines.join('\n')}`);
}

async function bench(o: Options, argv: string[]): Promise<void> {
  const { gitCommit, gitDirty } = gitState();
  const backend = await useNodeBackend('wasm');
  const data = await loadBenchData();
  const skipped = o.peer ? peerUnavailable() : '--no-peer';
  if (skipped) console.log(`PyTorch peer skipped: ${skipped}`);
  const peer = skipped ? null : new PeerClient({ OMP_NUM_THREADS: String(o.peerThreads) });
  const record: BenchRecord = {
    kind: 'cka-studio-bench',
    startedAt: new Date().toISOString(),
    command: ['npm', 'run', 'bench', '--', ...argv],
    gitCommit,
    gitDirty: gitDirty ?? false, // bench records have always read git missing as clean
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), node: process.version, tfjs: tf.version.tfjs, backend, wasmThreads: getThreadsCount() },
    settings: { steps: o.steps, warmup: o.warmup, peerThreads: o.peerThreads, cacheBytes: o.cacheBytes },
    micro: {},
    parity: [],
    peerSkipped: skipped,
    rows: [],
  };
  console.log(`machine: ${record.machine.cpu}, ${record.machine.cores} cores, Node ${process.version}, tfjs ${tf.version.tfjs} ${backend} (${record.machine.wasmThreads} thread)`);
  try {
    if (peer) {
      for (const preset of o.presets) record.parity.push(await checkParity(data, peer, preset));
      console.log(`\nLoss parity, one batch of 32, same weights (tolerance 1e-4 relative):\n${parityTable(record)}`);
    }
    for (const batchSize of o.batches) {
      record.micro[batchSize] = await microBench(batchSize);
      for (const preset of o.presets) {
        const times = await timeRow(data, { preset, batchSize, steps: o.steps, warmup: o.warmup, cacheBytes: o.cacheBytes, peerThreads: o.peerThreads }, peer);
        record.rows.push({ preset, batchSize, ...times, probes: await probeTfjsRow(data, preset, batchSize, 10) });
        console.log(`  ${preset} batch ${batchSize} done`);
      }
    }
  } finally {
    peer?.close();
  }
  if (o.timeToStudent) await timeToStudentCli({ every: 50, transferLimit: 0, out: o.out, tag: o.tag, command: ['npm', 'run', 'bench', '--', ...argv] });
  const sides = peer ? `tfjs and torch steps alternating; tfjs ${record.machine.wasmThreads} thread, torch ${o.peerThreads}` : `tfjs ${record.machine.wasmThreads} thread, no peer`;
  console.log(`\nStep time (median of ${o.steps} steps after ${o.warmup} warm-up, ${sides}):\n${stepTable(record)}`);
  printTimeToStudent(o.out);
  console.log(`\nPhases (ms, each timed alone, median of 10):\n${phaseTable(record)}`);
  console.log(`\n${microTable(record)}\n\nFLOPs (matmuls and convolutions, from tfjs's profiler):\n${flopTable(record)}`);
  for (const row of record.rows.filter((r) => r.preset === 'cka')) console.log(`\nTop kernels, cka batch ${row.batchSize} (teachers run):\n${kernelTable(row)}`);
  mkdirSync(o.out, { recursive: true });
  const file = path.join(o.out, `bench-${o.tag ? `${o.tag}-` : ''}${fileStamp(record.startedAt)}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
  console.log(`\nrecord: ${file}`);
}

const argv = process.argv.slice(2);
try {
  const o = options(argv);
  if (o === 'help') console.log(usage);
  else await bench(o, argv);
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`bench: ${err.message}\n${usage}`);
    process.exit(2);
  }
  throw err;
}
