import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { buildStudent } from './student';
import { studentParamCount, type StudentShape } from './studentSize';

beforeAll(async () => {
  await useNodeBackend('wasm');
});

function countBuilt(s: StudentShape): number {
  const student = buildStudent({ height: s.side, width: s.side, channels: s.channels }, s.width, [...s.headSizes], 1, s.arch);
  const n = student.model.countParams();
  student.model.dispose();
  return n;
}

describe('studentParamCount', () => {
  const shapes: StudentShape[] = [
    { arch: 'small-cnn', width: 32, side: 28, channels: 1, headSizes: [10] },
    { arch: 'small-cnn', width: 16, side: 32, channels: 3, headSizes: [5, 5] },
    { arch: 'small-cnn', width: 8, side: 64, channels: 3, headSizes: [20] },
    { arch: 'small-cnn', width: 4, side: 97, channels: 1, headSizes: [3, 4, 6] },
    { arch: 'resnet', width: 32, side: 32, channels: 3, headSizes: [10] },
    { arch: 'resnet', width: 12, side: 128, channels: 3, headSizes: [7, 3] },
    { arch: 'resnet', width: 4, side: 28, channels: 1, headSizes: [20] },
  ];

  it.each(shapes)('equals countParams() of the built student: $arch width $width at $side px × $channels, heads $headSizes', (s) => {
    expect(studentParamCount(s)).toBe(countBuilt(s));
  });

  it('is null where the image is too small for the backbone (tfjs would build one that sees an empty feature map)', () => {
    const tiny: StudentShape = { arch: 'small-cnn', width: 4, side: 9, channels: 1, headSizes: [2] };
    expect(studentParamCount(tiny)).toBeNull();
    expect(studentParamCount({ ...tiny, side: 10 })).toBe(countBuilt({ ...tiny, side: 10 }));
    expect(studentParamCount({ ...tiny, arch: 'resnet', side: 3 })).toBeNull();
  });
});
