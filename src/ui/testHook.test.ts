import { describe, expect, it } from 'vitest';
import { TrainingWorkerClient } from '../protocol/client';
import type { RequestEnvelope, WorkerMessage } from '../protocol/messages';
import { installStudioHook, studioHook } from './testHook';

const unusedLoad = () => Promise.reject(new Error('unused'));

/** A worker that answers every request with `answer(envelope)`. */
function clientAnswering(answer: (envelope: RequestEnvelope) => WorkerMessage) {
  let listener: (event: { data: WorkerMessage }) => void = () => {};
  return new TrainingWorkerClient(
    () =>
      ({
        addEventListener: (type: string, l: typeof listener) => type === 'message' && (listener = l),
        postMessage: (envelope: RequestEnvelope) => queueMicrotask(() => listener({ data: answer(envelope) })),
        terminate: () => {},
      }) as unknown as Worker,
  );
}

describe('studio hook', () => {
  it('turns results and worker errors into plain outcomes', async () => {
    const client = clientAnswering((envelope) =>
      envelope.request.kind === 'loadTeacher'
        ? { type: 'error', id: envelope.id, error: { code: 'unknown-teacher', message: 'nope' } }
        : { type: 'result', id: envelope.id, result: { count: 3 } as never },
    );
    const hook = studioHook(client, unusedLoad);
    expect(await hook.call({ kind: 'loadTeacher', id: 'x' })).toEqual({
      ok: false,
      error: { code: 'unknown-teacher', message: 'nope' },
    });
    expect(await hook.call({ kind: 'loadData', dataSet: 'mnist', split: 'test' })).toEqual({ ok: true, result: { count: 3 } });
  });

  it('installs on a window and removes only itself', () => {
    const target = {} as Window;
    const hook = studioHook(new TrainingWorkerClient(() => { throw new Error('no worker in this test'); }), unusedLoad);
    const uninstall = installStudioHook(target, hook);
    expect(target.__ckaStudio).toBe(hook);
    uninstall();
    expect(target.__ckaStudio).toBeUndefined();
  });
});
