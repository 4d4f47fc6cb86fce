import type { LossTerms, TrainingEvaluationEvent } from '../../protocol/messages';
import type { LossRecord } from '../store/trainingSlice';
import { emaSmooth } from './smoothing';

export type ChartRow = { step: number } & Record<string, number | null>;

/** Loss terms that were ever non-zero: the ones this preset trains. */
export function activeTerms(points: readonly LossRecord[]): (keyof LossTerms)[] {
  const names = new Set<keyof LossTerms>();
  for (const p of points) for (const [name, v] of Object.entries(p.terms)) if (v !== 0) names.add(name as keyof LossTerms);
  return [...names];
}

/**
 * One row per loss point: the total and each active term, EMA-smoothed per series. On a
 * log axis a value <= 0 has no place, so it becomes null (a gap) rather than breaking the axis.
 */
export function lossRows(points: readonly LossRecord[], smoothing: number, logScale: boolean): ChartRow[] {
  const series: [string, number[]][] = [['total', points.map((p) => p.total)], ...activeTerms(points).map((t): [string, number[]] => [t, points.map((p) => p.terms[t])])];
  const smoothed = series.map(([name, values]) => [name, emaSmooth(values, smoothing)] as const);
  return points.map((p, i) => {
    const row: ChartRow = { step: p.step };
    for (const [name, values] of smoothed) row[name] = logScale && !(values[i] > 0) ? null : values[i];
    return row;
  });
}

/** Joint accuracy and each teacher's subset accuracy (student), in percent. */
export function accuracyRows(evaluations: readonly TrainingEvaluationEvent[]): ChartRow[] {
  return evaluations.map((e) => {
    const row: ChartRow = { step: e.step, joint: e.jointAccuracy * 100 };
    for (const t of e.perTeacher) row[t.id] = t.student * 100;
    return row;
  });
}

/** Silhouette (true and pseudo-labels) and intra/inter distance ratio of the student's space. */
export function cohesionRows(evaluations: readonly TrainingEvaluationEvent[]): ChartRow[] {
  return evaluations.map((e) => ({
    step: e.step,
    silhouetteTrue: e.cohesion.trueLabels.silhouette,
    silhouettePseudo: e.cohesion.pseudoLabels.silhouette,
    ratioTrue: e.cohesion.trueLabels.ratio,
  }));
}

/** The union class names in the order the worker numbers them: each teacher's, first appearance. */
export function unionClassNames(evaluation: TrainingEvaluationEvent): string[] {
  return [...new Set(evaluation.perTeacher.flatMap((t) => t.classes))];
}
