/**
 * A/B timing of the wasm kernel replacements, each switchable at run time, in one process:
 * variants alternate round by round on the same TrainingSession, so that both see the same
 * machine load. Usage: npm run ab-kernels -- --change sum|pool|unrolled|dw|rows|rbf|symmetric|identity[,...]|all [--preset cka]
 * [--batches 64,256] [--rounds 8] [--steps 4] [--parity 10] [--width 32] [--tag name]. Then trains two fresh
 * sessions, changes off and on, --parity steps each and compares their losses step by step.
 * Writes runs/bench/ab-<change>-<time>.json.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filterGradientOptions } from '../src/core/backend/conv2dGradient';
import { installWasmMeanRbf, MEAN_RBF_GRAD_KERNEL, MEAN_RBF_KERNEL, meanRbfOptions } from '../src/core/backend/wasmMeanRbf';
import { useWasmKernelReplacement } from '../src/core/backend/wasmKernelPatch';
import { poolGradOptions } from '../src/core/backend/wasmMaxPoolGrad';
import { presetNames, type PresetName } from '../src/core/method/config';
import { createTrainingSession, type TrainingSession } from '../src/core/method/trainingSession';
import { median } from '../src/core/median';
import { useNodeBackend } from '../src/node/wasmBackend';
import { benchConfig, loadBenchData } from './bench/benchSetup';
import { parseArgs, UsageError } from './cli/args';
import { fileStamp, gitState } from './cli/recordStamp';

type Change = 'sum' | 'pool' | 'dw' | 'rbf' | 'identity' | 'unrolled' | 'rows' | 'symmetric';
const CHANGES: Record<Change, string> = {
  sum: 'Sum over a block of non-innermost axes in JS on the heap (was: the wasm kernel, which transposes first)',
  pool: 'MaxPoolGrad: a tiled loop for non-overlapping pools (was: the general JS loop)',
  unrolled: 'MaxPoolGrad 2 x 2: the tiled loop unrolled (was: the tiled loop with its offset table)',
  identity: 'Identity shares its input’s memory (was: the wasm kernel, a copy)',
  symmetric: 'CFL RBF kernel means of a batch with itself visit each pair once (was: every ordered pair)',
  rbf: 'CFL RBF kernel means as two fused JS kernels (was: tfjs ops over [n, m, d] differences)',
  rows: 'Conv2D filter gradient by window rows (one JS kernel) for 1 input channel under 100,000 positions (was: by a conv)',
  dw: 'Conv2D filter gradient by im2col (plain slices) for 1-3 input channels over >= 100,000 positions (was: by a conv for every layer)',
};

const unregisterIfThere = (name: string) => {
  if (tf.getKernel(name, 'wasm')) tf.unregisterKernel(name, 'wasm');
};

/** Switches one change on or off; the registry swap leaves every tensor and the optimiser state as they are. */
function setChange(change: Change, on: boolean): void {
  if (change === 'pool') {
    poolGradOptions.tiled = on;
  } else if (change === 'unrolled') {
    poolGradOptions.unrolled = on;
  } else if (change === 'rows') {
    filterGradientOptions.rowsMaxPositionsOnWasm = on ? 100_000 : 0;
  } else if (change === 'dw') {
    filterGradientOptions.im2colMaxChannelsOnWasm = on ? 3 : 0; // 0: the conv for every layer, as before
  } else if (change === 'symmetric') {
    meanRbfOptions.symmetric = on;
  } else if (change === 'rbf') {
    if (on) installWasmMeanRbf();
    else [MEAN_RBF_KERNEL, MEAN_RBF_GRAD_KERNEL].forEach(unregisterIfThere);
  } else {
    useWasmKernelReplacement(change === 'sum' ? 'Sum' : 'Identity', on);
  }
}

interface LossParity {
  before: number[];
  after: number[];
  bitwise: boolean;
  worstRelative: number;
}

/**
 * The issue's check that a change leaves training as it was: two fresh sessions of the same
 * config (same weights, same batches), one with the changes off and one with them on, stepped
 * alternately; every step's total loss compared.
 */
async function lossParity(open: () => TrainingSession, changes: Change[], steps: number): Promise<LossParity> {
  const sessions = { before: open(), after: open() };
  const losses = { before: [] as number[], after: [] as number[] };
  try {
    for (let i = 0; i < steps; i++) {
      for (const variant of ['before', 'after'] as const) {
        changes.forEach((c) => setChange(c, variant === 'after'));
        losses[variant].push((await sessions[variant].step()).result.total);
      }
    }
  } finally {
    changes.forEach((c) => setChange(c, true));
    await Promise.all([sessions.before.dispose(), sessions.after.dispose()]);
  }
  const rel = losses.after.map((v, i) => Math.abs(v - losses.before[i]) / Math.abs(losses.before[i]));
  return { ...losses, bitwise: rel.every((r) => r === 0), worstRelative: Math.max(...rel) };
}

async function main(): Promise<void> {
  const spec = { change: 'value', preset: 'value', batches: 'value', rounds: 'value', steps: 'value', tag: 'value', parity: 'value', width: 'value' } as const;
  const { flags } = parseArgs(process.argv.slice(2), spec);
  const change = String(flags.get('change') ?? 'all');
  const changes = (change === 'all' ? Object.keys(CHANGES) : change.split(',')) as Change[];
  if (changes.some((c) => !(c in CHANGES))) throw new UsageError(`--change: one or more (comma-separated) of ${Object.keys(CHANGES).join(', ')}, or all`);
  const preset = String(flags.get('preset') ?? 'cka') as PresetName;
  if (!presetNames.includes(preset)) throw new UsageError(`--preset: one of ${presetNames.join(', ')}`);
  const batches = String(flags.get('batches') ?? '64,256').split(',').map(Number);
  const rounds = Number(flags.get('rounds') ?? 8);
  const steps = Number(flags.get('steps') ?? 4);
  const paritySteps = Number(flags.get('parity') ?? 10);
  const width = flags.has('width') ? Number(flags.get('width')) : undefined;
  await useNodeBackend('wasm');
  const data = await loadBenchData();
  const results: Record<string, { beforeMedianMs: number; afterMedianMs: number; before: number[]; after: number[]; losses: LossParity }> = {};
  for (const batch of batches) {
    const config = benchConfig(preset, batch, 2 * rounds * steps + steps, 1, width);
    const open = () => createTrainingSession({ config, teachers: data.teachers, train: data.train, test: data.test, backend: 'wasm', teacherCacheBytes: 0 });
    const session = open();
    const times = { before: [] as number[], after: [] as number[] };
    try {
      for (let i = 0; i < steps; i++) await session.step(); // warm-up, all changes on
      for (let r = 0; r < rounds; r++) {
        for (const variant of (r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) as ('before' | 'after')[]) {
          changes.forEach((c) => setChange(c, variant === 'after'));
          const from = session.stepTimes.length;
          for (let i = 0; i < steps; i++) await session.step();
          times[variant].push(...session.stepTimes.slice(from));
        }
      }
    } finally {
      changes.forEach((c) => setChange(c, true));
      await session.dispose();
    }
    const losses = await lossParity(open, changes, paritySteps);
    results[batch] = { beforeMedianMs: median(times.before, 0), afterMedianMs: median(times.after, 0), ...times, losses };
    console.log(`${preset} batch ${batch}: before ${results[batch].beforeMedianMs.toFixed(1)} ms, after ${results[batch].afterMedianMs.toFixed(1)} ms (median of ${times.after.length} steps each); `
      + `losses over ${paritySteps} steps from the same start: ${losses.bitwise ? 'bitwise equal' : `largest relative difference ${losses.worstRelative.toExponential(1)}`}`);
  }
  const created = new Date().toISOString();
  const name = flags.get('tag') ? String(flags.get('tag')) : changes.join('-');
  const file = path.join('runs', 'bench', `ab-${name}-${fileStamp(created)}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({
    change: changes.map((c) => CHANGES[c]).join('; '), preset, studentWidth: width ?? 'bench default (32)', created, ...gitState(), load: os.loadavg(),
    method: `TrainingSession.step (teachers run, no cache), ${rounds} interleaved rounds of ${steps} steps per variant, same process`, results,
  }, null, 1)}\n`);
  console.log(`record: ${file}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
