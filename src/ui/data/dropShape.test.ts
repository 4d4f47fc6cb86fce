import { describe, expect, it } from 'vitest';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { dropShape, shapeText } from './dropShape';

const metadata = (id: string, size: number, channels: 1 | 3) => ({ id, input: { height: size, width: size, channels, mean: 0, std: 1 } }) as unknown as TeacherMetadata;

describe('dropShape', () => {
  const zoo = { phase: 'ready' as const, entries: [{ id: 'gray', metadata: metadata('gray', 28, 1) }, { id: 'colour', metadata: metadata('colour', 32, 3) }, { id: 'broken', error: 'no metadata' }] };

  it('follows the picked teachers, shipped or dropped: gray ones keep 28 x 28 gray, a colour one brings colour at its size', () => {
    expect(dropShape({ pickedTeacherIds: ['gray'], teacherZoo: zoo, droppedTeachers: [] })).toEqual({ height: 28, width: 28, channels: 1 });
    expect(dropShape({ pickedTeacherIds: ['gray', 'colour'], teacherZoo: zoo, droppedTeachers: [] })).toEqual({ height: 32, width: 32, channels: 3 });
    const tm = { id: 'dropped:tm', metadata: metadata('dropped:tm', 224, 3) } as never;
    expect(dropShape({ pickedTeacherIds: ['gray', 'dropped:tm', 'broken'], teacherZoo: zoo, droppedTeachers: [tm] })).toEqual({ height: 128, width: 128, channels: 3 });
    expect(dropShape({ pickedTeacherIds: ['colour'], teacherZoo: { phase: 'loading' }, droppedTeachers: [] })).toEqual({ height: 28, width: 28, channels: 1 });
    expect(shapeText({ height: 32, width: 32, channels: 3 })).toBe('32 × 32 colour');
  });
});
