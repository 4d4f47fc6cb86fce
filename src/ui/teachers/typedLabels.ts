/** Labels typed for a model with none: one per line or comma-separated, in logit order. */
export type TypedLabels = { ok: true; labels: string[] } | { ok: false; problem: string };

export function parseTypedLabels(text: string, needed: number): TypedLabels {
  const labels = text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (labels.length !== needed) return { ok: false, problem: `the model has ${needed} outputs: type ${needed} labels (got ${labels.length})` };
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) return { ok: false, problem: `"${label}" is typed twice: each output needs its own label` };
    seen.add(label);
  }
  return { ok: true, labels };
}
