import { describe, expect, it } from 'vitest';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { ZooEntry } from '../store/teachersSlice';
import { matchesFilter, nextOrder, noFilter, pickedFirst } from './teacherList';

const entry = (id: string, title: string, labels: string[], dataSet: string): ZooEntry => ({
  id,
  metadata: { id, title, labels, provenance: { dataSet } } as unknown as TeacherMetadata,
});
const digits = entry('mnist-0-4', 'MNIST digits 0–4', ['0', '1', '2', '3', '4'], 'mnist');
const clothes = entry('fashion-0-4', 'Fashion 0–4', ['T-shirt/top', 'Trouser'], 'fashion-mnist');
const none = new Set<string>();

describe('matchesFilter', () => {
  it('matches every word of the query against id, title, labels and data set', () => {
    expect(matchesFilter(digits, { ...noFilter, query: 'mnist 0–4' }, none)).toBe(true);
    expect(matchesFilter(clothes, { ...noFilter, query: 'trouser' }, none)).toBe(true);
    expect(matchesFilter(clothes, { ...noFilter, query: 'trouser digits' }, none)).toBe(false);
    expect(matchesFilter(digits, noFilter, none)).toBe(true);
  });

  it('narrows to one data set or to the picked ones', () => {
    expect(matchesFilter(digits, { ...noFilter, dataSet: 'fashion-mnist' }, none)).toBe(false);
    expect(matchesFilter(clothes, { ...noFilter, dataSet: 'fashion-mnist' }, none)).toBe(true);
    expect(matchesFilter(digits, { ...noFilter, pickedOnly: true }, none)).toBe(false);
    expect(matchesFilter(digits, { ...noFilter, pickedOnly: true }, new Set(['mnist-0-4']))).toBe(true);
  });

  it('searches a teacher whose metadata could not be read by its id', () => {
    expect(matchesFilter({ id: 'broken-1', error: 'bad json' }, { ...noFilter, query: 'broken' }, none)).toBe(true);
  });
});

describe('picked first', () => {
  const ids = ['a', 'b', 'c', 'd'];
  it('moves the picked ids to the front, each group in its own order', () => {
    expect(pickedFirst(ids, new Set(['d', 'b']))).toEqual(['b', 'd', 'a', 'c']);
  });

  it('keeps the order through a tick in the list, and reorders on any other change', () => {
    const before = pickedFirst(ids, new Set(['b']));
    expect(nextOrder(before, ids, new Set(['b', 'd']), true)).toEqual(['b', 'a', 'c', 'd']);
    expect(nextOrder(before, ids, new Set(['b', 'd']), false)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('places new ids after the kept ones and drops the ids that left', () => {
    expect(nextOrder(['b', 'a'], ['a', 'c', 'e'], new Set(['e']), true)).toEqual(['a', 'e', 'c']);
  });
});
