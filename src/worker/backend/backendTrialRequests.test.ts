import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../protocol/validate';

describe('parseEnvelope: trialBackends and benchTrain', () => {
  it('accepts them, with defaults left to the worker and unknown fields dropped', () => {
    expect(parseEnvelope({ id: 1, request: { kind: 'trialBackends', extra: true } })).toEqual({ id: 1, request: { kind: 'trialBackends' } });
    expect(parseEnvelope({ id: 2, request: { kind: 'trialBackends', backend: 'webgl', capMs: 2000 } })).toEqual({
      id: 2,
      request: { kind: 'trialBackends', backend: 'webgl', capMs: 2000 },
    });
    expect(parseEnvelope({ id: 3, request: { kind: 'benchTrain', backend: 'wasm', steps: 20, warmup: 0, capMs: 9000 } })).toEqual({
      id: 3,
      request: { kind: 'benchTrain', backend: 'wasm', steps: 20, warmup: 0, capMs: 9000 },
    });
  });

  it('refuses bad backends, missing steps and numbers out of range', () => {
    const bad = (request: Record<string, unknown>) => parseEnvelope({ id: 1, request });
    expect(bad({ kind: 'trialBackends', backend: 'tpu' })).toEqual({ code: 'bad-request', message: "unknown backend 'tpu'" });
    expect(bad({ kind: 'trialBackends', capMs: 10 })).toEqual({
      code: 'bad-request',
      message: 'capMs must be a whole number in [500, 60000] (got 10)',
    });
    expect(bad({ kind: 'benchTrain', steps: 3 })).toMatchObject({ code: 'bad-request', message: "unknown backend 'undefined'" });
    expect(bad({ kind: 'benchTrain', backend: 'wasm' })).toEqual({ code: 'bad-request', message: 'steps is required' });
    for (const steps of [0, 1.5, '3', 501]) expect(bad({ kind: 'benchTrain', backend: 'wasm', steps })).toMatchObject({ code: 'bad-request' });
    expect(bad({ kind: 'benchTrain', backend: 'wasm', steps: 1, warmup: 11 })).toMatchObject({ message: expect.stringMatching(/^warmup/) });
  });
});
