/**
 * Time-to-student (issue 15): how long a user waits, from pressing Start, for a student within
 * one point of the best joint accuracy its run reaches. Shared by the CLI measurement
 * (scripts/time-to-student.ts) and the browser's (e2e/bench/timeToStudent.spec.ts), so both
 * figures mean the same thing.
 */

/** One evaluation as the clock saw it. */
export interface TimedEvaluation {
  /** Steps trained when it was taken. */
  step: number;
  /**
   * Wall seconds from Start to the moment the accuracy was known: the data load, the builder's
   * pre-pass, the steps and every evaluation before it (this one included) all count.
   */
  seconds: number;
  /** Joint accuracy on the evaluation set, a fraction (0.9735 = 97.35 %). */
  accuracy: number;
}

export interface TimeToStudent {
  /** Seconds from Start to the first evaluation within `tolerance` of the best. */
  seconds: number;
  /** That evaluation's step and accuracy. */
  step: number;
  accuracy: number;
  /** The best accuracy of the series, and the step it was first reached at. */
  best: number;
  bestStep: number;
  /** Evaluations in the series. */
  points: number;
  tolerance: number;
}

/** One point of accuracy, as a fraction. */
export const ONE_POINT = 0.01;

/**
 * The first point (in time) whose accuracy is within `tolerance` of the series' best; null for
 * an empty series. Points are taken in order of `seconds`, whatever order they come in. The
 * best is the best *this run* reached: a longer run could move it, so the figure always goes
 * with its budget.
 */
export function timeToStudent(series: readonly TimedEvaluation[], tolerance = ONE_POINT): TimeToStudent | null {
  if (series.length === 0) return null;
  const inTime = [...series].sort((a, b) => a.seconds - b.seconds);
  const bestPoint = inTime.reduce((b, p) => (p.accuracy > b.accuracy ? p : b));
  // A hair of slack, so 0.9635 against a best of 0.9735 counts despite floating point.
  const hit = inTime.find((p) => p.accuracy >= bestPoint.accuracy - tolerance - 1e-9)!;
  return { seconds: hit.seconds, step: hit.step, accuracy: hit.accuracy, best: bestPoint.accuracy, bestStep: bestPoint.step, points: series.length, tolerance };
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** The headline in one line, e.g. "time to student: 212 s (step 350, 96.80 %; best 97.40 % at step 900, 19 evaluations)". */
export function timeToStudentLine(t: TimeToStudent): string {
  return `time to student: ${t.seconds.toFixed(0)} s (step ${t.step}, ${pct(t.accuracy)}, within ${(100 * t.tolerance).toFixed(0)} point of the best ${pct(t.best)} at step ${t.bestStep}; ${t.points} evaluations)`;
}

/** The series as a small markdown table; `extra` adds a column per point (the CLI's training-only clock). */
export function seriesTable(series: readonly TimedEvaluation[], extra?: { header: string; cell: (p: TimedEvaluation, i: number) => string }): string {
  const header = ['step', 'seconds since Start', ...(extra ? [extra.header] : []), 'joint accuracy'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = series.map((p, i) => line([String(p.step), p.seconds.toFixed(1), ...(extra ? [extra.cell(p, i)] : []), pct(p.accuracy)]));
  return [line(header), line(header.map(() => '---')), ...rows].join('\n');
}
