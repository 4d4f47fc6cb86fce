import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { EvaluateTeacherRequest, EvaluateTeacherResult, WorkerEvent } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import type { TeacherEvaluation } from '../store/teachersSlice';
import { evaluateTeacherInto, type EvaluateWorker } from './evaluateTeacher';
import { evaluationText } from './teacherText';

const result: EvaluateTeacherResult = { id: 'dropped:tm', dataSet: 'mnist', split: 'test', classes: [0, 1], accuracy: 0.95224, samples: 10000, backend: 'wasm', ms: 1400 };

/** A worker stand-in that reports progress twice, then answers (or fails). */
function fakeWorker(fail = false) {
  const listeners = new Set<(e: WorkerEvent) => void>();
  const requests: EvaluateTeacherRequest[] = [];
  const seen: TeacherEvaluation[] = [];
  const worker: EvaluateWorker = {
    on: (l) => (listeners.add(l), () => listeners.delete(l)),
    async call(request) {
      requests.push(request);
      for (const done of [500, 1000]) listeners.forEach((l) => l({ kind: 'teacher-evaluation-progress', progress: { id: request.id, done, total: 1000 } }));
      listeners.forEach((l) => l({ kind: 'teacher-evaluation-progress', progress: { id: 'other', done: 1, total: 1 } }));
      if (fail) throw new WorkerCallError({ code: 'no-matching-classes', message: "labels (Cat) are not classes of a built-in test set" });
      return result;
    },
  };
  return { worker, requests, seen, listeners };
}

describe('Evaluate on a card', () => {
  it('shows progress, then keeps the figure in the store; events for other teachers are ignored', async () => {
    const store = createStudioStore();
    const { worker, requests, seen, listeners } = fakeWorker();
    store.subscribe((s) => s.teacherEvaluations['dropped:tm'] && seen.push(s.teacherEvaluations['dropped:tm']));
    await evaluateTeacherInto(store, worker, 'dropped:tm');
    expect(requests).toEqual([{ kind: 'evaluateTeacher', id: 'dropped:tm', split: 'test', on: undefined }]);
    expect(seen.map((e) => (e.phase === 'running' ? e.done : e.phase))).toEqual([0, 500, 1000, 'done']);
    expect(store.getState().teacherEvaluations['dropped:tm']).toEqual({ phase: 'done', result });
    expect(listeners.size).toBe(0);
    expect(evaluationText(result)).toBe('Measured: 95.22 % on 10,000 test images of mnist (wasm, 1.4 s)');
    expect(evaluationText({ ...result, dataSet: 'dropped:digits', samples: 120 })).toBe('Measured: 95.22 % on 120 images of the labelled folder of dropped:digits (wasm, 1.4 s)');
  });

  it('keeps a failure with its code, and passes a dropped labelled folder on', async () => {
    const store = createStudioStore();
    const { worker, requests } = fakeWorker(true);
    await evaluateTeacherInto(store, worker, 'dropped:cats', 'dropped:pets');
    expect(requests[0].on).toBe('dropped:pets');
    expect(store.getState().teacherEvaluations['dropped:cats']).toMatchObject({ phase: 'failed', error: { code: 'no-matching-classes' } });
  });
});
