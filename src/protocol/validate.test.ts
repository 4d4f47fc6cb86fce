import { describe, expect, it } from 'vitest';
import { envelopeId, parseEnvelope } from './validate';

describe('parseEnvelope', () => {
  it('accepts an init request, with or without a backend', () => {
    expect(parseEnvelope({ id: 3, request: { kind: 'init' } })).toEqual({ id: 3, request: { kind: 'init' } });
    expect(parseEnvelope({ id: 4, request: { kind: 'init', backend: 'wasm' } })).toEqual({
      id: 4,
      request: { kind: 'init', backend: 'wasm' },
    });
  });

  it('refuses unknown kinds, unknown backends and non-envelopes with bad-request', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'train' } })).toMatchObject({ code: 'bad-request' });
    expect(parseEnvelope({ id: 1, request: { kind: 'init', backend: 'tpu' } })).toMatchObject({
      code: 'bad-request',
      message: "unknown backend 'tpu'",
    });
    expect(parseEnvelope('init')).toMatchObject({ code: 'bad-request' });
    expect(envelopeId('init')).toBe(-1);
  });
});

describe('parseEnvelope: teachers and data', () => {
  it('accepts well-formed requests and drops unknown fields', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'loadTeacher', id: 'mnist-0-4', extra: 1 } })).toEqual({
      id: 1,
      request: { kind: 'loadTeacher', id: 'mnist-0-4' },
    });
    expect(parseEnvelope({ id: 2, request: { kind: 'loadData', dataSet: 'fashion-mnist', split: 'train' } })).toEqual({
      id: 2,
      request: { kind: 'loadData', dataSet: 'fashion-mnist', split: 'train' },
    });
    expect(parseEnvelope({ id: 3, request: { kind: 'evaluateTeacher', id: 'fashion-0-4', split: 'test' } })).toEqual({
      id: 3,
      request: { kind: 'evaluateTeacher', id: 'fashion-0-4', split: 'test' },
    });
  });

  it('refuses ids that are not one plain path segment', () => {
    for (const id of ['', '../data', 'a/b', '.hidden', 42, undefined, 'x'.repeat(101)]) {
      expect(parseEnvelope({ id: 1, request: { kind: 'loadTeacher', id } })).toMatchObject({ code: 'bad-request' });
      expect(parseEnvelope({ id: 1, request: { kind: 'evaluateTeacher', id, split: 'test' } })).toMatchObject({
        code: 'bad-request',
      });
    }
  });

  it('refuses unknown data sets and splits', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'loadData', dataSet: 'cifar', split: 'test' } })).toEqual({
      code: 'bad-request',
      message: `unknown data set "cifar" (use 'mnist' or 'fashion-mnist')`,
    });
    expect(parseEnvelope({ id: 1, request: { kind: 'loadData', dataSet: 'mnist', split: 'val' } })).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('"val"'),
    });
    expect(parseEnvelope({ id: 1, request: { kind: 'evaluateTeacher', id: 'a' } })).toMatchObject({ code: 'bad-request' });
    // 'toString' is on every object's prototype; it must not pass as a data set id.
    expect(parseEnvelope({ id: 1, request: { kind: 'loadData', dataSet: 'toString', split: 'test' } })).toMatchObject({
      code: 'bad-request',
    });
  });
});

describe('parseEnvelope: training', () => {
  it('accepts the training requests, passing the config through for the worker to validate', () => {
    for (const kind of ['startTraining', 'pause', 'resume', 'stepOnce', 'stopTraining', 'trainingState', 'snapshot', 'latestCheckpoint', 'listCheckpoints']) {
      expect(parseEnvelope({ id: 1, request: { kind, extra: 1 } })).toEqual({ id: 1, request: { kind } });
    }
    expect(parseEnvelope({ id: 2, request: { kind: 'configure', config: { batchSize: 'x' }, cadence: { evaluateEvery: 10 } } })).toEqual({
      id: 2,
      request: { kind: 'configure', config: { batchSize: 'x' }, cadence: { evaluateEvery: 10, checkpointEvery: undefined, stepEventsPerSecond: undefined } },
    });
    expect(parseEnvelope({ id: 3, request: { kind: 'resumeFromCheckpoint', runId: 'run-1' } })).toEqual({ id: 3, request: { kind: 'resumeFromCheckpoint', runId: 'run-1' } });
  });

  it('refuses a missing config, a bad cadence and a bad run id', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'configure' } })).toMatchObject({ code: 'bad-request', message: 'config must be an object' });
    expect(parseEnvelope({ id: 1, request: { kind: 'configure', config: {}, cadence: { checkpointEvery: 0 } } })).toMatchObject({ code: 'bad-request' });
    expect(parseEnvelope({ id: 1, request: { kind: 'deleteCheckpoint', runId: '../x' } })).toMatchObject({ code: 'bad-request' });
  });
});

describe('parseEnvelope: projection and recovery', () => {
  it('takes a probe size per class in the cadence, a whole number from 1 to 1000', () => {
    const configure = (probePerClass: unknown) => parseEnvelope({ id: 1, request: { kind: 'configure', config: {}, cadence: { probePerClass } } });
    expect(configure(200)).toMatchObject({ request: { cadence: { probePerClass: 200 } } });
    for (const bad of [0, 1001, 2.5, '200']) expect(configure(bad)).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^probePerClass must be/) as string });
  });

  it('takes a snapshot projection of pca or umap in the cadence, and nothing else', () => {
    const configure = (projection: unknown) => parseEnvelope({ id: 1, request: { kind: 'configure', config: {}, cadence: { projection } } });
    expect(configure('umap')).toMatchObject({ request: { cadence: { projection: 'umap' } } });
    expect(configure('pca')).toMatchObject({ request: { cadence: { projection: 'pca' } } });
    expect(configure('tsne')).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^cadence\.projection must be/) as string });
  });

  it('accepts holdLifeLock with a plain name and the diagnostic destroyWebGpuDevice', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'holdLifeLock', name: 'cka-worker-1', x: 1 } })).toEqual({ id: 1, request: { kind: 'holdLifeLock', name: 'cka-worker-1' } });
    expect(parseEnvelope({ id: 1, request: { kind: 'holdLifeLock', name: 'a b' } })).toMatchObject({ code: 'bad-request' });
    expect(parseEnvelope({ id: 2, request: { kind: 'destroyWebGpuDevice' } })).toEqual({ id: 2, request: { kind: 'destroyWebGpuDevice' } });
  });
});
