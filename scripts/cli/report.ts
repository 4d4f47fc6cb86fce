import type { RunConfig } from '../../src/core/method/config';
import type { Evaluation } from '../../src/core/method/evaluateStudent';
import type { EpochRecord, RunRecord } from '../../src/core/method/runAmalgamation';
import { formatDuration } from './progress';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const sil = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(3));

/** The resolved config, one field a line, so a log shows exactly what ran. */
export function formatConfig(config: RunConfig, backend: string): string {
  const width = Math.max(...Object.keys(config).map((k) => k.length));
  const lines = Object.entries(config).map(([k, v]) => {
    const value = k === 'weights' ? Object.entries(v as object).map(([w, x]) => `${w} ${x}`).join(', ') : Array.isArray(v) ? v.join(', ') : String(v);
    return `  ${k.padEnd(width)}  ${value}`;
  });
  return [`config (backend ${backend}):`, ...lines].join('\n');
}

function perTeacher(e: Evaluation): string {
  return e.perTeacher.map((t) => `${t.id} student ${pct(t.student)} vs teacher ${pct(t.teacher)}`).join('; ');
}

export function formatEpoch(e: EpochRecord, epochs: number): string {
  const refined = e.refinement ? `; refinement: ${e.refinement.changed} images change owner (${e.refinement.candidates} qualified)` : '';
  return `epoch ${e.epoch}/${epochs}: joint ${pct(e.evaluation.jointAccuracy)}; ${perTeacher(e.evaluation)} (${e.seconds.toFixed(1)} s, mean loss ${e.meanTotal.toPrecision(4)})${refined}`;
}

export function formatSummary(r: RunRecord, file: string): string {
  const c = r.final.cohesion;
  return [
    `wrote ${file}`,
    `  joint accuracy   ${pct(r.final.jointAccuracy)} (untrained ${pct(r.untrained.jointAccuracy)})`,
    ...(r.routing === undefined ? [] : [`  routing alone    ${pct(r.routing)} (the teachers' built target on the same images, no student)`]),
    ...r.final.perTeacher.map((t) => `  ${t.id.padEnd(15)}  student ${pct(t.student)} vs teacher ${pct(t.teacher)}`),
    `  silhouette       ${sil(c.trueLabels.silhouette)} true labels, ${sil(c.pseudoLabels.silhouette)} pseudo-labels`,
    `  speed            ${r.medianStepMs.toFixed(0)} ms/step (median), ${Math.round(r.imagesPerSecond)} images/s`,
    `  wall time        ${formatDuration(r.wallSeconds)} (${r.transferImages} transfer images x ${r.config.epochs} epoch${r.config.epochs === 1 ? '' : 's'})`,
  ].join('\n');
}
