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
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer', files: [{ name: 'a', bytes }], resolution: 64 })).toMatchObject({ request: { kind: 'loadImageFiles', resolution: 64 } });
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer', files: [{ name: 'a', bytes }], resolution: 4 })).toMatchObject({ message: 'resolution must be a whole number of pixels in [8, 256]' });
    expect(parse({ kind: 'predict', pixels: new Uint8Array(3), count: 1, height: 28, width: 28, teacherIds: [] })).toMatchObject({ message: /Uint8Array of count x height x width x channels = 784 bytes/ });
    expect(parse({ kind: 'previewImages', data: 'mnist', count: 0 })).toMatchObject({ message: 'count must be a whole number in [1, 200]' });
  });

  it('takes a folder in parts: staged parts, a load that names them, a discard', () => {
    expect(parse({ kind: 'stageImageFiles', dropId: 'd1', part: 0, files: [{ name: 'a', bytes }], junk: 1 })).toEqual({ id: 1, request: { kind: 'stageImageFiles', dropId: 'd1', part: 0, files: [{ name: 'a', bytes }] } });
    expect(parse({ kind: 'stageImageFiles', dropId: 'd1', part: -1, files: [{ name: 'a', bytes }] })).toMatchObject({ message: 'part must be a whole number in [0, 99999]' });
    expect(parse({ kind: 'stageImageFiles', dropId: '', part: 0, files: [{ name: 'a', bytes }] })).toMatchObject({ message: /^dropId must be/ });
    expect(parse({ kind: 'stageImageFiles', dropId: 'd1', part: 0, files: [] })).toMatchObject({ message: 'files must be a non-empty list of {name, bytes}' });
    const staged = { dropId: 'd1', parts: 3, count: 600 };
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer', staged })).toMatchObject({ request: { kind: 'loadImageFiles', staged } });
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer', staged, files: [{ name: 'a', bytes }] })).toMatchObject({ message: 'give files or staged, not both' });
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer', staged: { ...staged, parts: 0 } })).toMatchObject({ message: /^staged must be \{dropId/ });
    expect(parse({ kind: 'loadImageFiles', name: 't', role: 'transfer' })).toMatchObject({ message: 'files must be a non-empty list of {name, bytes}' });
    expect(parse({ kind: 'discardImageFiles', dropId: 'd1' })).toEqual({ id: 1, request: { kind: 'discardImageFiles', dropId: 'd1' } });
    expect(parse({ kind: 'discardImageFiles' })).toMatchObject({ code: 'bad-request' });
  });
});
