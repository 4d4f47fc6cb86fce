/**
 * The message for a model with no label names, and the count read back from it. Kept apart
 * from the loader (which runs tfjs) because the page reads it too.
 */
export const noLabelsMessage = (name: string, count: number): string =>
  `${name} has ${count} outputs and no label names (no metadata.json with "labels"): type ${count} labels`;

export function labelsNeeded(message: string): number | null {
  const match = /has (\d+) outputs and no label names/.exec(message);
  return match ? Number(match[1]) : null;
}
