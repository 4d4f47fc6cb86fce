import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './validate';

const parse = (request: Record<string, unknown>) => parseEnvelope({ id: 1, request });
const bytes = new ArrayBuffer(4);

describe('dropped-file requests', () => {
  it('rebuilds valid requests from their fields', () => {
    expect(parse({ kind: 'loadTeacherFiles', name: 'm', files: [{ name: 'model.json', bytes, extra: 1 }], labels: ['a'], junk: true })).toEqual({
      id: 1,
      request: { kind: 'loadTeacherFiles', name: 'm', files: [{ name: 'model.json', bytes }], labels: ['a'], featureLayer: undefined, scaling: undefined, transfer: undefined },
    });
    const pixels = new Uint8Array(2 * 28 * 28);
    expect(parse({ kind: 'predict', pixels, count: 2, height: 28, width: 28, teacherIds: ['t'] })).toMatchObject({ request: { kind: 'predict', count: 2 } });
    expect(parse({ kind: 'loadImageFiles', name: 'p', role: 'transfer', files: [{ name: 'a.png', bytes }], shape: { height: 64, width: 64, channels: 3 } })).toEqual({
      id: 1,
      request: { kind: 'loadImageFiles', name: 'p', role: 'transfer', files: [{ name: 'a.png', bytes }], transferId: undefined, shape: { height: 64, width: 64, channels: 3 } },
    });
    expect(parse({ kind: 'exportStudent' })).toEqual({ id: 1, request: { kind: 'exportStudent' } });
    expect(parse({ kind: 'exportStudent', format: 'teachable-machine' })).toEqual({ id: 1, request: { kind: 'exportStudent', format: 'teachable-machine' } });
    expect(parse({ kind: 'exportStudent', format: 'onnx' })).toMatchObject({ code: 'bad-request' });
  });

  it('names what is wrong', () => {
    expect(parse({ kind: 'loadTeacherFiles', name: 'm', files: [{ name: 'a', bytes }], scaling: { mean: 0, std: 0 } })).toMatchObject({ message: 'scaling must be {mean: number, std: number > 0}' });
    expect(parse({ kind: 'loadTeacherFiles', name: 'm', files: [] })).toEqual({ code: 'bad-request', message: 'files must be a non-empty list of {name, bytes}' });
    expect(parse({ kind: 'loadTeacherFiles', name: 'm', files: [{ name: 'a', bytes: 'text' }] })).toMatchObject({ code: 'bad-request', message: /every file must be \{name: string, bytes: ArrayBuffer\}/ });
    expect(parse({ kind: 'loadTeacherFiles', name: 'm', files: [{ name: 'a', bytes }], labels: ['a', ' '] })).toMatchObject({ message: 'labels must be a non-empty list of non-empty names' });
    expect(parse({ kind: 'loadImageFiles', name: 'e', role: 'evaluation', files: [{ name: 'a', bytes }] })).toMatchObject({ message: /needs the transferId/ });
    for (const shape of [{ height: 50, width: 50, channels: 3 }, { height: 32, width: 32, channels: 4 }, 'big']) {
      expect(parse({ kind: 'loadImageFiles', name: 'p', role: 'transfer', files: [{ name: 'a', bytes }], shape })).toMatchObject({ message: /^shape must be \{height, width\} each one of 28, 32, 64, 96, 128/ });
    }
    expect(parse({ kind: 'predict', pixels: new Uint8Array(3), count: 1, height: 28, width: 28, teacherIds: [] })).toMatchObject({ message: /Uint8Array of count x height x width = 784/ });
    expect(parse({ kind: 'previewImages', data: 'mnist', count: 0 })).toMatchObject({ message: 'count must be a whole number in [1, 200]' });
  });
});
