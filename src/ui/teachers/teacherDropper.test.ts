import { describe, expect, it } from 'vitest';
import { WorkerCallError } from '../../protocol/errors';
import type { LoadTeacherFilesRequest, LoadTeacherFilesResult } from '../../protocol/messages';
import { createStudioStore } from '../store/studioStore';
import { createTeacherDropper } from './teacherDropper';

const metadata = (labels: string[], featureLayer = 'dense') => ({
  id: 'x',
  title: 'x',
  labels,
  input: { height: 28, width: 28, channels: 1 as const, mean: 0, std: 1 },
  featureLayer,
  featureSize: 8,
});

/** A worker stand-in: labels must be typed, and each success gets the next id. */
function fakeWorker() {
  const requests: LoadTeacherFilesRequest[] = [];
  let n = 0;
  const call = async (request: LoadTeacherFilesRequest): Promise<LoadTeacherFilesResult> => {
    requests.push(request);
    if (request.name === 'broken') throw new WorkerCallError({ code: 'missing-shard', message: 'weight file "a.bin" named in model.json is missing' });
    if (!request.labels) throw new WorkerCallError({ code: 'no-labels', message: 'model.json has 2 outputs and no label names (no metadata.json with "labels"): type 2 labels' });
    return { id: `dropped:m${++n}`, metadata: metadata(request.labels, request.featureLayer), parameters: 10, loaded: true, ms: 1, ignored: [], layers: ['dense', 'flatten'], outputs: 'logits', scaling: null };
  };
  return { call, requests };
}

const file = { name: 'model.json', bytes: new ArrayBuffer(1) };

describe('teacher drops in the store', () => {
  it('records a failure without touching loaded teachers, then loads with typed labels', async () => {
    const store = createStudioStore();
    const { call } = fakeWorker();
    const dropper = createTeacherDropper(call, store);
    await dropper.drop('m', [file]);
    const [first] = store.getState().teacherDrops;
    expect(first).toMatchObject({ state: 'failed', labelsNeeded: 2, error: { code: 'no-labels' } });
    await dropper.retryWithLabels(first.key, ['a', 'b']);
    expect(store.getState().teacherDrops).toMatchObject([{ key: first.key, state: 'loaded', id: 'dropped:m1' }]);
    await dropper.drop('broken', [file]);
    expect(store.getState().teacherDrops[1]).toMatchObject({ state: 'failed', labelsNeeded: null, error: { code: 'missing-shard' } });
    expect(store.getState().droppedTeachers.map((t) => t.id)).toEqual(['dropped:m1']);
  });

  it('swaps in the teacher reloaded with another feature layer, keeping its pick', async () => {
    const store = createStudioStore();
    const { call, requests } = fakeWorker();
    const dropper = createTeacherDropper(call, store);
    await dropper.drop('m', [file]);
    await dropper.retryWithLabels(store.getState().teacherDrops[0].key, ['a', 'b']);
    store.getState().setTeacherPicked('dropped:m1', true);
    await dropper.chooseFeature('dropped:m1', 'flatten');
    expect(requests.at(-1)).toMatchObject({ labels: ['a', 'b'], featureLayer: 'flatten' });
    expect(store.getState().droppedTeachers.map((t) => [t.id, t.metadata.featureLayer])).toEqual([['dropped:m2', 'flatten']]);
    expect(store.getState().pickedTeacherIds).toEqual(['mnist-0-4', 'mnist-5-9', 'dropped:m2']);
  });
});
