import { describe, expect, it } from 'vitest';
import { classesNamed, classesPartlyNamed } from './classMatch';

describe('classesNamed', () => {
  it("gives the set's class ids in the teacher's output order", () => {
    expect(classesNamed(['7', '3'], ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])).toEqual([7, 3]);
  });
  it('is null when one label names no class of the set', () => {
    expect(classesNamed(['Cat', '3'], ['0', '1', '2', '3'])).toBeNull();
  });
});

describe('classesPartlyNamed', () => {
  it('marks the labels a folder lacks with -1, and is null when it has none of them', () => {
    expect(classesPartlyNamed(['0', '1', '2', '3'], ['1', '3'])).toEqual([-1, 0, -1, 1]);
    expect(classesPartlyNamed(['Cat'], ['1', '3'])).toBeNull();
  });
});
