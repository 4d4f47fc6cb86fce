import { describe, expect, it } from 'vitest';
import { backendFromQuery } from './backendQuery';

describe('backendFromQuery', () => {
  it('reads a known backend and treats a missing one as no preference', () => {
    expect(backendFromQuery('?backend=webgpu')).toEqual({ ok: true, backend: 'webgpu' });
    expect(backendFromQuery('')).toEqual({ ok: true, backend: undefined });
    expect(backendFromQuery('?backend=')).toEqual({ ok: true, backend: undefined });
  });

  it('reports an unknown backend instead of silently ignoring it', () => {
    expect(backendFromQuery('?backend=tpu')).toMatchObject({ ok: false, message: expect.stringContaining("'tpu'") });
  });
});
