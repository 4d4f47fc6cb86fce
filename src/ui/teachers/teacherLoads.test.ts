import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/client';
import type { LoadTeacherResult } from '../../protocol/messages';
import { TeacherLoads } from './teacherLoads';

const result = { parameters: 10, loaded: true, ms: 5 } as LoadTeacherResult;

describe('TeacherLoads', () => {
  it('goes loading -> loaded, telling subscribers and replacing the snapshot each time', async () => {
    let finish!: (r: LoadTeacherResult) => void;
    const loads = new TeacherLoads(() => new Promise((resolve) => (finish = resolve)));
    const seen: string[] = [];
    const unsubscribe = loads.subscribe(() => seen.push(loads.snapshot().get('a')?.phase ?? 'none'));
    const before = loads.snapshot();
    const pending = loads.load('a');
    expect(loads.snapshot()).not.toBe(before);
    expect(loads.snapshot().get('a')).toEqual({ phase: 'loading' });
    finish(result);
    expect(await pending).toEqual({ phase: 'loaded', result });
    expect(seen).toEqual(['loading', 'loaded']);
    unsubscribe();
    const again = loads.load('a');
    finish(result);
    await again;
    expect(seen).toHaveLength(2);
  });

  it("keeps the worker's error code and never rejects", async () => {
    const loads = new TeacherLoads(() =>
      Promise.reject(new WorkerCallError({ code: 'unknown-teacher', message: "no shipped teacher has the id 'x'" })),
    );
    expect(await loads.load('x')).toEqual({
      phase: 'failed',
      error: { code: 'unknown-teacher', message: "no shipped teacher has the id 'x'" },
    });
    const broken = new TeacherLoads(() => Promise.reject(new Error('boom')));
    expect(await broken.load('y')).toEqual({ phase: 'failed', error: { code: 'internal', message: 'boom' } });
  });
});
