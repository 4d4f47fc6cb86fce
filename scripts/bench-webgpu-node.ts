/**
 * The studio's training step on tfjs's WebGPU backend in Node (Dawn, the `webgpu` npm package)
 * against the wasm backend the CLI uses (and optionally cpu): adapter info, first-step loss per
 * backend and its difference to wasm, median ms/step, and why-figures (kernels, dispatches,
 * submits, readbacks per step). Runs here with `npx tsx scripts/bench-webgpu-node.ts`, and
 * bundled on a remote GPU machine (scripts/device/pack-webgpu-bench.sh, run-webgpu-bench.sh).
 * Every backend trains the same preset from the same seed on the same images (MNIST test
 * images as transfer set: only they are shipped to the remote), so first steps must agree.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installTrainingKernels } from '../src/core/backend/trainingKernels';
import { median } from '../src/core/median';
import { presetNames, type PresetName } from '../src/core/method/config';
import { useNodeBackend } from '../src/node/wasmBackend';
import { timeRow } from './bench/benchRow';
import { BENCH_TEACHERS, loadBenchData } from './bench/benchSetup';
import { describeAdapter, installNodeWebgpu } from './bench/nodeWebgpu';
import { probeStep } from './bench/stepProbe';
import { adapterText, lossDiffs, rowsTable, type BackendRow, type WebgpuBenchRecord } from './bench/webgpuReport';
import { parseArgs, UsageError } from './cli/args';
import { fileStamp } from './cli/recordStamp';

const usage = `usage: npx tsx scripts/bench-webgpu-node.ts [--backends webgpu,wasm,cpu] [--batches 64,256]
         [--steps 10] [--warmup 3] [--cpu-steps 2] [--preset cka] [--dawn opt,opt] [--wasm-dir dir] [--out runs/bench]
  --backends   in this order; wasm is the reference for the loss comparison
  --cpu-steps  timed steps on cpu (slow), after one warm-up step
  --dawn       options for dawn.node's create(), e.g. backend=vulkan or adapter=NAME
  --wasm-dir   folder with tfjs-backend-wasm's .wasm files (default: the installed package's)`;

const BACKENDS = ['webgpu', 'wasm', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

interface Options {
  backends: Backend[];
  batches: number[];
  steps: number;
  warmup: number;
  cpuSteps: number;
  preset: PresetName;
  dawn: string[];
  wasmDir: string | undefined;
  out: string;
}

const ints = (s: string, name: string) => s.split(',').map((w) => {
  const n = Number(w);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name}: ${w} is not a positive whole number`);
  return n;
});

function options(argv: string[]): Options | 'help' {
  if (argv.includes('--help')) return 'help';
  const spec = { backends: 'value', batches: 'value', steps: 'value', warmup: 'value', 'cpu-steps': 'value', preset: 'value', dawn: 'value', 'wasm-dir': 'value', out: 'value' } as const;
  const { flags, positionals } = parseArgs(argv, spec);
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const backends = (flags.get('backends') ?? 'webgpu,wasm').split(',');
  const bad = backends.filter((b) => !(BACKENDS as readonly string[]).includes(b));
  if (bad.length > 0) throw new UsageError(`unknown backend ${bad.join(', ')} (known: ${BACKENDS.join(', ')})`);
  const preset = flags.get('preset') ?? 'cka';
  if (!(presetNames as readonly string[]).includes(preset)) throw new UsageError(`unknown preset ${preset}`);
  const warmup = Number(flags.get('warmup') ?? '3');
  if (!Number.isInteger(warmup) || warmup < 0) throw new UsageError('--warmup must be a whole number');
  return {
    backends: backends as Backend[],
    batches: ints(flags.get('batches') ?? '64,256', 'batches'),
    steps: ints(flags.get('steps') ?? '10', 'steps')[0],
    warmup,
    cpuSteps: ints(flags.get('cpu-steps') ?? '2', 'cpu-steps')[0],
    preset: preset as PresetName,
    dawn: (flags.get('dawn') ?? '').split(',').filter((w) => w.length > 0),
    wasmDir: flags.get('wasm-dir'),
    out: flags.get('out') ?? 'runs/bench',
  };
}

/** Switches tfjs to `name`; WebGPU first needs Dawn in place and tfjs-backend-webgpu imported. */
async function startBackend(name: Backend, o: Options): Promise<void> {
  if (name !== 'webgpu') {
    await useNodeBackend(name, o.wasmDir);
    return;
  }
  installTrainingKernels(); // as the studio's worker does, before any backend runs a conv
  if (!(await tf.setBackend('webgpu'))) throw new Error("tfjs backend 'webgpu' failed to start (no adapter?)");
  await tf.ready();
}

/** Every batch size on one backend; its own teacher copies, so no tensor crosses backends. */
async function benchBackend(name: Backend, o: Options): Promise<BackendRow[]> {
  await startBackend(name, o);
  const data = await loadBenchData(BENCH_TEACHERS, 'test');
  const rows: BackendRow[] = [];
  try {
    for (const batchSize of o.batches) {
      const steps = name === 'cpu' ? o.cpuSteps : o.steps;
      const warmup = name === 'cpu' ? Math.min(o.warmup, 1) : o.warmup;
      // The probe first: its first step is also the backend's shader compile and allocation.
      const { firstStep, counts } = await probeStep(data, o.preset, batchSize, name !== 'cpu');
      const { tfjs } = await timeRow(data, { preset: o.preset, batchSize, steps, warmup, cacheBytes: 0, peerThreads: 0 }, null);
      const row = { backend: name, batchSize, warmup, stepMs: tfjs.teachersRun, medianMs: median(tfjs.teachersRun), firstStep, counts };
      console.log(`  ${name} batch ${batchSize}: first-step loss ${firstStep.total.toFixed(6)}, ${row.medianMs.toFixed(1)} ms/step`);
      rows.push(row);
    }
  } finally {
    for (const t of data.teachers) t.dispose();
  }
  return rows;
}

/** Writes the record so far: a remote run killed by its time limit still leaves the finished backends. */
function save(record: WebgpuBenchRecord, o: Options): string {
  mkdirSync(o.out, { recursive: true });
  const file = path.join(o.out, `bench-webgpu-${fileStamp(record.startedAt)}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 1)}\n`);
  return file;
}

async function bench(o: Options, argv: string[]): Promise<WebgpuBenchRecord> {
  const record: WebgpuBenchRecord = {
    kind: 'cka-studio-bench-webgpu',
    startedAt: new Date().toISOString(),
    command: ['scripts/bench-webgpu-node.ts', ...argv],
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), platform: `${process.platform}-${process.arch}`, node: process.version, tfjs: tf.version.tfjs },
    adapter: null,
    settings: { preset: o.preset, steps: o.steps, warmup: o.warmup, cpuSteps: o.cpuSteps, batches: o.batches, backends: o.backends, transferImages: 'mnist/test' },
    rows: [],
    lossDiffs: [],
    errors: [],
  };
  console.log(`machine: ${record.machine.cpu}, ${record.machine.cores} cores, ${record.machine.platform}, Node ${process.version}, tfjs ${tf.version.tfjs}`);
  if (o.backends.includes('webgpu')) {
    const gpu = installNodeWebgpu(o.dawn);
    await import('@tensorflow/tfjs-backend-webgpu'); // registers 'webgpu' only now that navigator.gpu exists
    record.adapter = await describeAdapter(gpu, o.dawn);
    console.log(adapterText(record.adapter));
    save(record, o);
  }
  for (const name of o.backends) {
    try {
      record.rows.push(...(await benchBackend(name, o)));
    } catch (err) {
      const error = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
      record.errors.push({ backend: name, error });
      console.log(`  ${name} FAILED: ${error}`);
    }
    record.lossDiffs = lossDiffs(record.rows, 'wasm');
    save(record, o);
  }
  const cpu = o.backends.includes('cpu') ? ` (cpu: ${o.cpuSteps} after ${Math.min(o.warmup, 1)})` : '';
  console.log(`\n${o.preset} step, teachers run every step, median of ${o.steps} steps after ${o.warmup} warm-up${cpu}:\n${rowsTable(record)}`);
  for (const r of record.rows.filter((x) => x.counts)) {
    console.log(`top kernels ${r.backend} batch ${r.batchSize}: ${r.counts!.topKernels.map((k) => `${k.name} ×${k.calls} ${k.ms.toFixed(1)} ms`).join(', ')}`);
  }
  return record;
}

const argv = process.argv.slice(2);
try {
  const o = options(argv);
  if (o === 'help') {
    console.log(usage);
  } else {
    const record = await bench(o, argv);
    console.log(`\nrecord: ${save(record, o)}`);
    // dawn.node keeps the process alive while navigator.gpu is referenced.
    process.exit(record.errors.length > 0 ? 1 : 0);
  }
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`bench-webgpu-node: ${err.message}\n${usage}`);
    process.exit(2);
  }
  throw err;
}
