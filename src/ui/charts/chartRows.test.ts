import { describe, expect, it } from 'vitest';
import type { TrainingEvaluationEvent } from '../../protocol/messages';
import type { LossRecord } from '../store/trainingSlice';
import { accuracyRows, activeTerms, lossRows, unionClassNames } from './chartRows';

const zero = { kd: 0, teacherKd: 0, intra: 0, inter: 0, align: 0, instanceInter: 0, instanceIntra: 0, cflMmd: 0, cflReconstruction: 0, supervised: 0 };
const points: LossRecord[] = [
  { step: 1, total: 4, terms: { ...zero, kd: 3, align: 1 } },
  { step: 2, total: 2, terms: { ...zero, kd: 2, align: 0 } },
];

describe('lossRows', () => {
  it('has the total and the terms that were ever non-zero', () => {
    expect(activeTerms(points)).toEqual(['kd', 'align']);
    expect(lossRows(points, 0, false)).toEqual([
      { step: 1, total: 4, kd: 3, align: 1 },
      { step: 2, total: 2, kd: 2, align: 0 },
    ]);
  });

  it('smooths each series and leaves gaps for values a log axis cannot show', () => {
    const rows = lossRows(points, 0.5, true);
    expect(rows[1].total).toBeGreaterThan(2);
    expect(rows[1].total).toBeLessThan(4);
    expect(rows[0].align).toBe(1);
    expect(lossRows(points, 0, true)[1].align).toBeNull();
  });
});

describe('evaluation rows', () => {
  const e = {
    step: 50,
    jointAccuracy: 0.8,
    perTeacher: [
      { id: 'a', classes: ['0', '1'], samples: 10, student: 0.9, teacher: 1 },
      { id: 'b', classes: ['1', '2'], samples: 10, student: 0.7, teacher: 1 },
    ],
    cohesion: {} as never,
    confusion: [],
  } as TrainingEvaluationEvent;

  it('gives accuracy in percent per teacher, and the union class order of the worker', () => {
    expect(accuracyRows([e])).toEqual([{ step: 50, joint: 80, a: 90, b: 70 }]);
    expect(unionClassNames(e)).toEqual(['0', '1', '2']);
  });
});
