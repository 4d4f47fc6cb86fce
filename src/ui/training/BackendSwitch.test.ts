import { describe, expect, it } from 'vitest';
import { backendFromQuery } from '../backend/backendQuery';
import { backendUrl } from './BackendSwitch';

describe('backendUrl', () => {
  it('sets ?backend= (which the page reads back) and keeps the other parameters and the config hash', () => {
    const url = new URL(backendUrl('http://localhost:4173/?backend=webgpu&x=1#config=%7B%7D', 'wasm'));
    expect(backendFromQuery(url.search)).toEqual({ ok: true, backend: 'wasm' });
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.hash).toBe('#config=%7B%7D');
  });
});
