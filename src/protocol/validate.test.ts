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
