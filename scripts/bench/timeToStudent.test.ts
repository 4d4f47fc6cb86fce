import { describe, expect, it } from 'vitest';
import { seriesTable, timeToStudent, timeToStudentLine, type TimedEvaluation } from './timeToStudent';

const at = (step: number, seconds: number, accuracy: number): TimedEvaluation => ({ step, seconds, accuracy });

describe('timeToStudent', () => {
  it('is the first time within one point of the best, with the best and the count', () => {
    const series = [at(50, 40, 0.6), at(100, 60, 0.95), at(150, 80, 0.965), at(200, 100, 0.974), at(250, 120, 0.97)];
    expect(timeToStudent(series)).toEqual({ seconds: 80, step: 150, accuracy: 0.965, best: 0.974, bestStep: 200, points: 5, tolerance: 0.01 });
  });

  it('counts a point exactly one point under the best despite floating point', () => {
    const t = timeToStudent([at(50, 10, 0.9635), at(100, 20, 0.9735)]);
    expect(t?.step).toBe(50);
  });

  it('takes points in time order, whatever order they come in', () => {
    const t = timeToStudent([at(200, 100, 0.97), at(100, 50, 0.965), at(50, 25, 0.5)]);
    expect(t).toMatchObject({ seconds: 50, step: 100, best: 0.97, bestStep: 200 });
  });

  it('is the best point itself when nothing earlier comes close, and honours another tolerance', () => {
    const series = [at(50, 10, 0.5), at(100, 20, 0.8), at(150, 30, 0.9)];
    expect(timeToStudent(series)?.seconds).toBe(30);
    expect(timeToStudent(series, 0.11)?.seconds).toBe(20);
  });

  it('keeps the first time the best was reached when it is reached twice', () => {
    expect(timeToStudent([at(50, 10, 0.9), at(100, 20, 0.9)])?.bestStep).toBe(50);
  });

  it('is null for an empty series', () => {
    expect(timeToStudent([])).toBeNull();
  });
});

describe('report', () => {
  it('says the headline and tabulates the series', () => {
    const series = [at(50, 40.04, 0.6), at(100, 61.26, 0.9712)];
    expect(timeToStudentLine(timeToStudent(series)!)).toBe('time to student: 61 s (step 100, 97.12 %, within 1 point of the best 97.12 % at step 100; 2 evaluations)');
    const table = seriesTable(series, { header: 'training only', cell: (p) => `${(p.seconds - 10).toFixed(1)}` }).split('\n');
    expect(table[0]).toBe('| step | seconds since Start | training only | joint accuracy |');
    expect(table[3]).toBe('| 100 | 61.3 | 51.3 | 97.12 % |');
  });
});
