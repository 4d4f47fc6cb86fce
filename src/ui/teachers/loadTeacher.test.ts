import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { LoadTeacherResult } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import { loadTeacherInto } from './loadTeacher';

const result = { parameters: 10, loaded: true, ms: 5 } as LoadTeacherResult;

describe('loadTeacherInto', () => {
  it('goes loading -> loaded in the teachers slice', async () => {
    const store = createStudioStore();
    let finish!: (r: LoadTeacherResult) => void;
    const seen: string[] = [];
    const unsubscribe = store.subscribe((s) => seen.push(s.teacherLoads.a?.phase ?? 'none'));
    const pending = loadTeacherInto(store, () => new Promise((resolve) => (finish = resolve)), 'a');
    expect(store.getState().teacherLoads.a).toEqual({ phase: 'loading' });
    finish(result);
    expect(await pending).toEqual({ phase: 'loaded', result });
    expect(store.getState().teacherLoads.a).toEqual({ phase: 'loaded', result });
    expect(seen).toEqual(['loading', 'loaded']);
    unsubscribe();
  });

  it("keeps the worker's error code and never rejects", async () => {
    const store = createStudioStore();
    const refused = () => Promise.reject(new WorkerCallError({ code: 'unknown-teacher', message: "no shipped teacher has the id 'x'" }));
    const failed = { phase: 'failed', error: { code: 'unknown-teacher', message: "no shipped teacher has the id 'x'" } };
    expect(await loadTeacherInto(store, refused, 'x')).toEqual(failed);
    expect(await loadTeacherInto(store, () => Promise.reject(new Error('boom')), 'y')).toEqual({ phase: 'failed', error: { code: 'internal', message: 'boom' } });
    expect(Object.keys(store.getState().teacherLoads)).toEqual(['x', 'y']);
  });
});
