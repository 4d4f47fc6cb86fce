import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeFetch, type Served } from '../../browser/fakeServer.testutil';
import { toErrorInfo } from '../failure';
import { createTeacherHandlers, type DroppedSets } from './teacherHandlers';
import { loadLabelledImages, selectClasses } from '../../core/data/labelledImages';
import { readDataFileFromDisk } from '../../node/dataFiles';
import { createTeacherRegistry } from './teacherRegistry';
import { servedSources } from './teacherSources';
import { useNodeBackend } from '../../node/wasmBackend';

/**
 * The worker's handlers in Node, on the served files (public/ through a fake fetch) and
 * the wasm backend: the same code path as in the browser, minus the worker and the browser.
 */
const ID = 'mnist-0-4';
const index = JSON.stringify({ teachers: ['mnist-0-4', 'mnist-5-9'] });
const metadata = JSON.parse(readFileSync(`public/teachers/${ID}/metadata.json`, 'utf8')) as Record<string, unknown>;

function handlers(files: Record<string, Served> = {}, backend: string | null = 'wasm', dropped?: DroppedSets) {
  const server = fakeFetch({ 'teachers/index.json': index, ...files });
  const sources = servedSources(server);
  return { server, h: createTeacherHandlers(createTeacherRegistry(sources, () => backend), sources, () => backend, dropped) };
}

/** What the page would receive for a failed call. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => toErrorInfo(error),
  );

describe('teacher handlers', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('loads a teacher once, counting its parameters on the built model', async () => {
    const { h, server } = handlers();
    const first = await h.loadTeacher({ kind: 'loadTeacher', id: ID });
    expect(first).toMatchObject({ loaded: true, parameters: 56389, metadata: { id: ID } });
    const again = await h.loadTeacher({ kind: 'loadTeacher', id: ID });
    expect(again).toMatchObject({ loaded: false, ms: 0, parameters: 56389 });
    expect(server.requested.filter((u) => u.endsWith('model.json'))).toHaveLength(1);
  });

  it('summarises a split as loaded by the core reader', async () => {
    const { h } = handlers();
    const result = await h.loadData({ kind: 'loadData', dataSet: 'mnist', split: 'test' });
    expect(result).toMatchObject({ dataSet: 'mnist', split: 'test', count: 10000, height: 28, width: 28, channels: 1 });
    expect(result.labelHistogram).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    expect(result.checksum).toMatch(/^[0-9a-f]{8}$/);
  });

  it("reproduces the teacher's recorded accuracy, without leaking tensors", async () => {
    const { h } = handlers();
    await h.loadTeacher({ kind: 'loadTeacher', id: ID });
    await h.loadData({ kind: 'loadData', dataSet: 'mnist', split: 'test' });
    const before = tf.memory().numTensors;
    const result = await h.evaluateTeacher({ kind: 'evaluateTeacher', id: ID, split: 'test' });
    expect(tf.memory().numTensors).toBe(before);
    const provenance = metadata.provenance as { testAccuracy: number; testSamples: number };
    expect(result).toMatchObject({ id: ID, dataSet: 'mnist', split: 'test', classes: [0, 1, 2, 3, 4], backend: 'wasm' });
    expect(result.samples).toBe(provenance.testSamples);
    expect(Math.abs(result.accuracy - provenance.testAccuracy) * 100).toBeLessThanOrEqual(0.3);
  });

  it('fails with typed errors', async () => {
    expect(await failure(handlers().h.loadTeacher({ kind: 'loadTeacher', id: 'nope' }))).toEqual({
      code: 'unknown-teacher',
      message: "no shipped teacher has the id 'nope' (shipped: mnist-0-4, mnist-5-9)",
    });
    expect(await failure(handlers({}, null).h.loadTeacher({ kind: 'loadTeacher', id: ID }))).toMatchObject({
      code: 'not-initialized',
    });
    expect(
      await failure(handlers({ [`teachers/${ID}/weights.bin`]: { status: 404 } }).h.loadTeacher({ kind: 'loadTeacher', id: ID })),
    ).toMatchObject({ code: 'missing-shard' });
    const noLabels = JSON.stringify({ ...metadata, labels: [] });
    expect(
      await failure(handlers({ [`teachers/${ID}/metadata.json`]: noLabels }).h.loadTeacher({ kind: 'loadTeacher', id: ID })),
    ).toMatchObject({ code: 'bad-metadata', message: expect.stringMatching(/^mnist-0-4\/metadata\.json: labels must be/) });
    const wrongId = JSON.stringify({ ...metadata, id: 'other' });
    expect(
      await failure(handlers({ [`teachers/${ID}/metadata.json`]: wrongId }).h.loadTeacher({ kind: 'loadTeacher', id: ID })),
    ).toMatchObject({ code: 'bad-metadata' });
    const noProvenance = JSON.stringify({ ...metadata, provenance: undefined });
    expect(
      await failure(
        handlers({ [`teachers/${ID}/metadata.json`]: noProvenance }).h.evaluateTeacher({ kind: 'evaluateTeacher', id: ID, split: 'test' }),
      ),
    ).toMatchObject({ code: 'no-provenance' });
    const idx = 'data/mnist/t10k-labels-idx1-ubyte.gz';
    expect(await failure(handlers({ [idx]: { status: 404 } }).h.loadData({ kind: 'loadData', dataSet: 'mnist', split: 'test' }))).toMatchObject({
      code: 'data-missing',
      message: expect.stringContaining('npm run data'),
    });
    expect(await failure(handlers({ [idx]: Uint8Array.from([1, 2, 3]) }).h.loadData({ kind: 'loadData', dataSet: 'mnist', split: 'test' }))).toMatchObject({
      code: 'bad-data',
      message: 'mnist/test: not an IDX file: the first two bytes must be zero',
    });
  });

  it('checks the input scaling of a dropped model without metadata on the transfer data, and takes a chosen one', async () => {
    const { h } = handlers();
    const dir = 'e2e/fixtures/tm-mnist';
    const files = ['model.json', 'weights.bin'].map((name) => {
      const bytes = readFileSync(`${dir}/${name}`);
      return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    });
    const labels = Array.from({ length: 10 }, (_, i) => String(i));
    const checked = await h.loadTeacherFiles({ kind: 'loadTeacherFiles', name: 'model.json', files, labels, transfer: 'mnist' });
    expect(checked).toMatchObject({ outputs: 'probabilities', scaling: { proposed: 'symmetric', samples: 256 }, metadata: { input: { mean: 0.5, std: 0.5 } } });
    const chosen = await h.loadTeacherFiles({ kind: 'loadTeacherFiles', name: 'model.json', files, labels, transfer: 'mnist', scaling: { mean: 0, std: 1 / 255 } });
    expect(chosen).toMatchObject({ scaling: { proposed: 'symmetric' }, metadata: { input: { mean: 0, std: 1 / 255 } } });
    // Without transfer data to sample there is no check, and [0, 1] stays.
    const unchecked = await h.loadTeacherFiles({ kind: 'loadTeacherFiles', name: 'model.json', files, labels });
    expect(unchecked).toMatchObject({ scaling: null, metadata: { input: { mean: 0, std: 1 } } });
  });

  it('evaluates a dropped teacher on the built-in test set its labels name, with progress', async () => {
    const { h } = handlers();
    const files = ['model.json', 'weights.bin', 'metadata.json'].map((name) => {
      const bytes = readFileSync(`e2e/fixtures/tm-mnist/${name}`);
      return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    });
    const { id } = await h.loadTeacherFiles({ kind: 'loadTeacherFiles', name: 'model.json', files });
    const events: { done: number; total: number }[] = [];
    const result = await h.evaluateTeacher({ kind: 'evaluateTeacher', id, split: 'test' }, (e) => events.push(e.progress));
    expect(result).toMatchObject({ id: 'dropped:tm-mnist', dataSet: 'mnist', classes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], samples: 10000 });
    expect(result.accuracy).toBeCloseTo(0.9522, 4); // as scripts and the Node test measure it
    expect(events).toHaveLength(20);
    expect(events.at(-1)).toEqual({ id, done: 10000, total: 10000 });

    const cats = await h.loadTeacherFiles({ kind: 'loadTeacherFiles', name: 'tm', files: files.slice(0, 2), labels: ['Cat', ...'123456789'] });
    expect(await failure(h.evaluateTeacher({ kind: 'evaluateTeacher', id: cats.id, split: 'test' }))).toMatchObject({
      code: 'no-matching-classes',
      message: expect.stringMatching(/labels \(Cat, 1, .*\) are not classes of a built-in test set .*drop a labelled folder/),
    });
  }, 60_000);

  it('evaluates a teacher on a dropped labelled folder, its classes matched by name', async () => {
    // A labelled folder of MNIST 3s and 1s, its classes named by folder ("1", "3") as a drop gives them.
    const folder = selectClasses(await loadLabelledImages('mnist', 'test', readDataFileFromDisk), [1, 3]);
    const labelled = { ...folder, labels: folder.labels.map((l) => (l === 1 ? 0 : 1)), labelNames: ['1', '3'], source: 'dropped:digits' };
    const dropped: DroppedSets = (id) => {
      if (id !== 'dropped:digits') throw new Error(`no dropped set ${id}`);
      return { transfer: labelled, evaluation: labelled };
    };
    const { h } = handlers({}, 'wasm', dropped);
    const result = await h.evaluateTeacher({ kind: 'evaluateTeacher', id: ID, split: 'test', on: 'dropped:digits' });
    // mnist-0-4 knows 0..4; the folder holds 1 and 3: those images are measured, every output may be chosen.
    expect(result).toMatchObject({ dataSet: 'dropped:digits', classes: [-1, 0, -1, 1, -1], samples: 1135 + 1010 });
    expect(result.accuracy).toBeGreaterThan(0.99);
    const m59 = await failure(h.evaluateTeacher({ kind: 'evaluateTeacher', id: 'mnist-5-9', split: 'test', on: 'dropped:digits' }));
    expect(m59).toMatchObject({ code: 'no-matching-classes', message: expect.stringMatching(/none of mnist-5-9's labels .* is a class folder of dropped:digits/) });
  });

  it('loads data without a backend (it needs no tfjs)', async () => {
    const result = await handlers({}, null).h.loadData({ kind: 'loadData', dataSet: 'mnist', split: 'test' });
    expect(result.count).toBe(10000);
  });
});
