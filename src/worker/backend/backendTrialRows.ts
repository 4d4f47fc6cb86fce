import type { BackendKind, BackendName, BackendTrialRow } from '../../protocol/messages';
import { median } from '../../core/median';

/** What a child reported about one backend before it finished or was stopped. */
export interface ChildReport {
  backend: BackendName;
  /** Null until the backend started. */
  kind: BackendKind | null;
  device: string;
  warmupMs: number[];
  stepMs: number[];
  losses: number[];
  startMs: number | null;
}

export function emptyReport(backend: BackendName): ChildReport {
  return { backend, kind: null, device: '', warmupMs: [], stepMs: [], losses: [], startMs: null };
}

const list = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');

function steps(r: ChildReport): string {
  const warm = r.warmupMs.length > 0 ? `warm-up ${list(r.warmupMs)} ms` : 'warm-up unfinished';
  return r.stepMs.length > 0 ? `${warm}; timed ${list(r.stepMs)} ms` : warm;
}

function base(r: ChildReport) {
  return { backend: r.backend, kind: r.kind, device: r.device, firstLoss: r.losses[0] ?? null, startMs: r.startMs };
}

/** All `wanted` timed steps finished: the median is the backend's figure. */
export function timedRow(r: ChildReport, wanted: number): BackendTrialRow {
  if (r.stepMs.length < wanted) return tooSlowRow(r, `only ${r.stepMs.length} of ${wanted} timed steps ran`);
  const detail = `median of ${list(r.stepMs)} ms; warm-up ${list(r.warmupMs)} ms`;
  return { ...base(r), status: 'timed', msPerStep: median(r.stepMs), detail };
}

/** It started and trains, but overran the cap; what it managed is kept in the detail. */
export function tooSlowRow(r: ChildReport, why: string): BackendTrialRow {
  return { ...base(r), status: 'too slow', msPerStep: null, detail: `${why} (${steps(r)})` };
}

export function failedRow(r: ChildReport, why: string): BackendTrialRow {
  return { ...base(r), status: 'failed', msPerStep: null, detail: why };
}
