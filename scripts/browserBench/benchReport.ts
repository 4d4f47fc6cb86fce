import type { BenchTrainResult, TrialBackendsResult } from '../../src/protocol/messages';
import type { MainThreadReport } from './mainThreadMonitor';

/** One backend's benchmark as the page saw it: the worker's figures and the main thread's. */
export interface BenchRun {
  result: BenchTrainResult;
  mainThread: MainThreadReport;
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 100 ? 1 : 0) : '-');

export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The benchmark table; speed ratios are against the fastest backend of this same run. */
export function benchTable(runs: readonly BenchRun[]): string {
  const fastest = Math.min(...runs.map((r) => r.result.medianMs));
  const header = ['backend', 'kind', 'adapter', 'steps', 'ms/step (median)', 'min-max', 'images/s', 'vs fastest', 'warm-up ms', 'first loss', 'longest main-thread task', 'longest frame gap'];
  const rows = runs.map(({ result: r, mainThread: m }) => [
    r.backend,
    r.kind,
    r.device,
    `${r.stepMs.length}${r.stoppedEarly ? ' (capped)' : ''}`,
    ms(r.medianMs),
    `${ms(Math.min(...r.stepMs))}-${ms(Math.max(...r.stepMs))}`,
    r.imagesPerSecond.toFixed(0),
    `${(r.medianMs / fastest).toFixed(2)}x`,
    r.warmupMs.map(ms).join(', '),
    r.losses[0]?.toFixed(6) ?? '-',
    m.longTasks === 0 ? 'none over 50 ms' : `${ms(m.longestTaskMs)} ms (${m.longTasks} over 50 ms)`,
    `${ms(m.longestFrameGapMs)} ms`,
  ]);
  return markdownTable(header, rows);
}

export function trialTable(trial: TrialBackendsResult): string {
  const rows = trial.rows.map((r) => [
    r.backend,
    r.kind ?? '-',
    r.device || '-',
    r.status === 'timed' ? ms(r.msPerStep!) : r.status === 'failed' ? `failed: ${r.detail}` : 'too slow',
    r.status === 'failed' ? '' : r.detail,
    r.startMs === null ? '-' : ms(r.startMs),
  ]);
  return markdownTable(['backend', 'kind', 'adapter', 'ms/step', 'detail', 'child start ms'], rows);
}

/** Largest relative gap between any backend's first-step loss and the first backend's. */
export function firstLossSpread(losses: readonly number[]): number {
  const [reference, ...rest] = losses;
  return Math.max(0, ...rest.map((l) => Math.abs(l - reference) / Math.abs(reference)));
}
