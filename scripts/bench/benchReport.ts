import { median } from '../../src/core/median';
import type { MicroResult } from './microBench';
import type { PeerTimes, StepTimes } from './benchRow';
import type { ParityResult } from './peerParity';
import type { PhaseTimes } from './phases';
import type { TfjsProbes } from './tfjsProbes';

/** Everything measured for one (preset, batch) row. */
export interface BenchRow {
  preset: string;
  batchSize: number;
  tfjs: StepTimes;
  probes: TfjsProbes;
  peer: PeerTimes | null;
}

export interface BenchRecord {
  kind: 'cka-studio-bench';
  startedAt: string;
  command: string[];
  gitCommit: string | null;
  gitDirty: boolean | null;
  machine: { cpu: string; cores: number; node: string; tfjs: string; backend: string; wasmThreads: number };
  settings: { steps: number; warmup: number; peerThreads: number; cacheBytes: number };
  micro: Record<number, MicroResult[]>;
  parity: ParityResult[];
  peerSkipped: string | null;
  rows: BenchRow[];
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const med = (xs: number[] | null | undefined) => (xs && xs.length > 0 ? median(xs) : NaN);
const ms = (x: number) => (Number.isFinite(x) ? f1(x) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) ? `${f2(a / b)}x` : 'n/a');
const ips = (batch: number, x: number) => (Number.isFinite(x) ? f1((batch * 1000) / x) : 'n/a');

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Step times and the tfjs / PyTorch ratios, teachers run (first epoch) and cached (second), each against the same epoch of the peer. */
export function stepTable(rec: BenchRecord): string {
  const header = ['preset', 'batch', 'tfjs ms/step', 'img/s', 'torch ms/step', 'tfjs/torch', 'tfjs cached ms', 'img/s', 'torch cached ms', 'cached tfjs/torch'];
  const rows = rec.rows.map((r) => {
    const run = med(r.tfjs.teachersRun);
    const cached = med(r.tfjs.cached);
    const peerRun = med(r.peer?.teachersRun);
    const peerCached = med(r.peer?.cached);
    return [r.preset, String(r.batchSize), ms(run), ips(r.batchSize, run), ms(peerRun), ratio(run, peerRun),
      ms(cached), ips(r.batchSize, cached), ms(peerCached), ratio(cached, peerCached)];
  });
  return table(header, rows);
}

const phaseCells = (p: PhaseTimes) => [f1(p.teachers), f1(p.student), f1(p.losses), f1(p.optimizer)];

/** Where a step goes, each part timed alone, tfjs beside the peer. */
export function phaseTable(rec: BenchRecord): string {
  const header = ['preset', 'batch', 'tfjs teachers', 'student f+b', 'losses f+b', 'optimiser', 'torch teachers', 'student f+b', 'losses f+b', 'optimiser'];
  const rows = rec.rows.map((r) => [r.preset, String(r.batchSize), ...phaseCells(r.probes.phases), ...(r.peer ? phaseCells(r.peer.phasesMs) : ['n/a', 'n/a', 'n/a', 'n/a'])]);
  return table(header, rows);
}

/** FLOPs per step and the fraction of the measured peak each side reaches. */
export function flopTable(rec: BenchRecord): string {
  const header = ['preset', 'batch', 'GFLOP/step', 'cached GFLOP/step', 'tfjs GFLOP/s', '% of wasm peak', 'cached GFLOP/s', '% of peak', 'kernel ms (profile)', 'torch GFLOP/s'];
  const rows = rec.rows.map((r) => {
    const peak = Math.max(...(rec.micro[r.batchSize] ?? []).map((m) => m.gflops));
    const gflop = r.probes.profile.flops / 1e9;
    const cachedGflop = r.probes.cachedProfile.flops / 1e9;
    const rate = gflop / (med(r.tfjs.teachersRun) / 1000);
    const cachedRate = cachedGflop / (med(r.tfjs.cached) / 1000);
    const peerRate = gflop / (med(r.peer?.teachersRun) / 1000);
    return [r.preset, String(r.batchSize), f2(gflop), f2(cachedGflop), f2(rate), `${f1((100 * rate) / peak)} %`,
      Number.isFinite(cachedRate) ? f2(cachedRate) : 'n/a', Number.isFinite(cachedRate) ? `${f1((100 * cachedRate) / peak)} %` : 'n/a',
      f1(r.probes.profile.kernelMs), Number.isFinite(peerRate) ? f2(peerRate) : 'n/a'];
  });
  return table(header, rows);
}

/** The kernels that take the most time in one row's profiled step. */
export function kernelTable(row: BenchRow, top = 10): string {
  const header = ['kernel', 'calls', 'ms', '% of kernel time', 'GFLOP'];
  const total = row.probes.profile.kernelMs;
  const rows = row.probes.profile.kernels.slice(0, top).map((k) => [k.name, String(k.calls), f1(k.ms), `${f1((100 * k.ms) / total)} %`, f2(k.flops / 1e9)]);
  return table(header, rows);
}

export function microTable(rec: BenchRecord): string {
  const rows = Object.entries(rec.micro).flatMap(([batch, list]) => list.map((m) => [batch, m.name, f2(m.gflops)]));
  return table(['before the rows of batch', 'tfjs wasm micro-benchmark', 'GFLOP/s'], rows);
}

export function parityTable(rec: BenchRecord): string {
  const rows = rec.parity.map((p) => [p.preset, p.tfjs.total.toFixed(6), p.peer.total.toFixed(6), p.worstBefore.toExponential(1), p.worstAfter.toExponential(1)]);
  return table(['preset', 'tfjs loss', 'torch loss', 'worst term diff', 'after one step'], rows);
}
