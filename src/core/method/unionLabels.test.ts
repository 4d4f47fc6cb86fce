import { describe, expect, it } from 'vitest';
import { buildUnionLabels, dataLabelsToUnion } from './unionLabels';

const digits = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('buildUnionLabels', () => {
  it('disjoint teachers: names concatenate in teacher order, maps are consecutive', () => {
    const u = buildUnionLabels([digits(0, 4), digits(5, 9)]);
    expect(u.names).toEqual(digits(0, 9));
    expect(u.maps).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
  });

  it('order is first appearance, teacher by teacher, not sorted', () => {
    const u = buildUnionLabels([['cat', 'ant'], ['bee', 'cat']]);
    expect(u.names).toEqual(['cat', 'ant', 'bee']);
    expect(u.maps).toEqual([
      [0, 1],
      [2, 0],
    ]);
  });

  it('overlapping teachers (0-3, 3-6, 6-9) give 10 names and share 3 and 6', () => {
    const u = buildUnionLabels([digits(0, 3), digits(3, 6), digits(6, 9)]);
    expect(u.names).toEqual(digits(0, 9));
    expect(u.names.length).toBe(10);
    expect(u.maps).toEqual([
      [0, 1, 2, 3],
      [3, 4, 5, 6],
      [6, 7, 8, 9],
    ]);
    // '3' is teacher 0's last class and teacher 1's first; '6' is teacher 1's last and teacher 2's first.
    expect(u.names[u.maps[0][3]]).toBe('3');
    expect(u.maps[0][3]).toBe(u.maps[1][0]);
    expect(u.names[u.maps[1][3]]).toBe('6');
    expect(u.maps[1][3]).toBe(u.maps[2][0]);
    // Every teacher class maps back to its own name.
    [digits(0, 3), digits(3, 6), digits(6, 9)].forEach((labels, k) => labels.forEach((name, c) => expect(u.names[u.maps[k][c]]).toBe(name)));
  });

  it('identical teachers share every class', () => {
    const u = buildUnionLabels([['a', 'b'], ['b', 'a']]);
    expect(u.names).toEqual(['a', 'b']);
    expect(u.maps).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('matches names exactly (case and whitespace matter)', () => {
    const u = buildUnionLabels([['Cat'], ['cat', 'cat ']]);
    expect(u.names).toEqual(['Cat', 'cat', 'cat ']);
  });

  it('one teacher is its own union', () => {
    expect(buildUnionLabels([['x', 'y', 'z']])).toEqual({ names: ['x', 'y', 'z'], maps: [[0, 1, 2]] });
  });

  it('does not share state between calls', () => {
    buildUnionLabels([['p', 'q']]);
    expect(buildUnionLabels([['q', 'p']]).names).toEqual(['q', 'p']);
  });
});

describe('dataLabelsToUnion', () => {
  it('maps every data-set label id to its union index, -1 for a class no teacher knows', () => {
    const u = buildUnionLabels([digits(0, 3), digits(3, 6)]); // 0..6, no teacher knows 7, 8, 9
    const map = dataLabelsToUnion(digits(0, 9), u);
    expect(map).toBeInstanceOf(Int32Array);
    expect(Array.from(map)).toEqual([0, 1, 2, 3, 4, 5, 6, -1, -1, -1]);
  });

  it('follows the union order, not the data set order', () => {
    const u = buildUnionLabels([['5', '6'], ['0', '1']]);
    expect(Array.from(dataLabelsToUnion(['0', '1', '2', '3', '4', '5', '6'], u))).toEqual([2, 3, -1, -1, -1, 0, 1]);
  });

  it('a data set sharing no class with the teachers maps to all -1', () => {
    const u = buildUnionLabels([digits(0, 9)]);
    expect(Array.from(dataLabelsToUnion(['T-shirt/top', 'Trouser'], u))).toEqual([-1, -1]);
  });

  it('mixed data (digits + fashion) with digit teachers: fashion classes are -1', () => {
    const u = buildUnionLabels([digits(0, 4), digits(5, 9)]);
    const names = [...digits(0, 9), 'T-shirt/top', 'Trouser', 'Pullover'];
    const map = dataLabelsToUnion(names, u);
    expect(Array.from(map.subarray(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(map.subarray(10))).toEqual([-1, -1, -1]);
  });
});
