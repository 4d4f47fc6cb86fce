/**
 * The union label space: every teacher's label names, matched by name, so overlapping
 * teachers share a class. Order is first appearance, teacher by teacher.
 */
export interface UnionLabels {
  names: string[];
  /** maps[k][c] = union index of teacher k's class c. */
  maps: number[][];
}

export function buildUnionLabels(teacherLabels: string[][]): UnionLabels {
  const names: string[] = [];
  const index = new Map<string, number>();
  const maps = teacherLabels.map((labels) =>
    labels.map((name) => {
      if (!index.has(name)) {
        index.set(name, names.length);
        names.push(name);
      }
      return index.get(name)!;
    }),
  );
  return { names, maps };
}

/** For each data-set label id, its union index (or -1 when no teacher knows that class). */
export function dataLabelsToUnion(dataLabelNames: string[], union: UnionLabels): Int32Array {
  const byName = new Map(union.names.map((n, i) => [n, i]));
  return Int32Array.from(dataLabelNames, (n) => byName.get(n) ?? -1);
}
