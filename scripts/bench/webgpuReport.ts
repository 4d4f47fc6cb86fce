import type { StepResult } from '../../src/core/method/amalgamation';
import { table } from './benchReport';
import type { AdapterReport } from './nodeWebgpu';
import type { StepCounts } from './stepProbe';

/** One backend at one batch size: its first step's losses and its timed steps. */
export interface BackendRow {
  backend: string;
  batchSize: number;
  warmup: number;
  /** Step wall times after warm-up (the teachers run on every step, no cache). */
  stepMs: number[];
  medianMs: number;
  /** A fresh student's first step on the first batch (stepProbe.ts): equal inputs on every backend. */
  firstStep: StepResult;
  counts: StepCounts | null;
}

/** The first step's loss on one backend against the reference backend's, same batch size. */
export interface LossDiff {
  backend: string;
  batchSize: number;
  reference: string;
  /** |total − reference total|. */
  total: number;
  /** Largest |term − reference term| over the loss terms. */
  maxTerm: number;
}

export interface WebgpuBenchRecord {
  kind: 'cka-studio-bench-webgpu';
  startedAt: string;
  command: string[];
  machine: { cpu: string; cores: number; platform: string; node: string; tfjs: string };
  adapter: AdapterReport | null;
  settings: { preset: string; steps: number; warmup: number; cpuSteps: number; batches: number[]; backends: string[]; transferImages: string };
  rows: BackendRow[];
  lossDiffs: LossDiff[];
  /** Backends that failed to start or to train, with the error, so a remote run still reports the rest. */
  errors: { backend: string; error: string }[];
}

/** Each row's first-step loss against `reference`'s at the same batch (wasm: the CLI's backend). */
export function lossDiffs(rows: readonly BackendRow[], reference: string): LossDiff[] {
  const out: LossDiff[] = [];
  for (const row of rows) {
    const ref = rows.find((r) => r.backend === reference && r.batchSize === row.batchSize);
    if (!ref || row.backend === reference) continue;
    const names = Object.keys(ref.firstStep.terms) as (keyof StepResult['terms'])[];
    const maxTerm = Math.max(0, ...names.map((n) => Math.abs(row.firstStep.terms[n] - ref.firstStep.terms[n])));
    out.push({ backend: row.backend, batchSize: row.batchSize, reference, total: Math.abs(row.firstStep.total - ref.firstStep.total), maxTerm });
  }
  return out;
}

const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits));

export function adapterText(a: AdapterReport | null): string {
  if (!a) return 'adapter: none (Dawn found no WebGPU adapter)';
  const limits = Object.entries(a.limits).map(([k, v]) => `${k}=${v}`).join(', ');
  return [
    `adapter: vendor '${a.vendor}', architecture '${a.architecture}', device '${a.device}', description '${a.description}', fallback ${a.isFallbackAdapter}`,
    `  dawn options: [${a.dawnOptions.join(', ')}]; timestamp-query ${a.features.includes('timestamp-query') ? 'yes' : 'no'}; features: ${a.features.join(' ')}`,
    `  limits: ${limits}`,
  ].join('\n');
}

export function rowsTable(record: WebgpuBenchRecord): string {
  const diff = (r: BackendRow) => record.lossDiffs.find((d) => d.backend === r.backend && d.batchSize === r.batchSize);
  const rows = record.rows.map((r) => {
    const d = diff(r);
    const c = r.counts;
    return [
      r.backend, String(r.batchSize), r.firstStep.total.toFixed(6), d ? d.total.toExponential(1) : '—', d ? d.maxTerm.toExponential(1) : '—',
      num(r.medianMs), String(r.stepMs.length), num((r.batchSize * 1000) / r.medianMs, 0),
      String(c?.kernelCalls ?? 'n/a'), num(c?.kernelMs), String(c?.dispatches ?? '—'), String(c?.submits ?? '—'), String(c?.readbacks ?? '—'),
    ];
  });
  const header = ['backend', 'batch', 'first-step loss', '|Δ total| vs wasm', 'max |Δ term|', 'ms/step (median)', 'steps', 'img/s', 'kernels/step', 'kernel ms', 'dispatches', 'submits', 'readbacks'];
  return table(header, rows);
}
