import type { Scaling, ScalingCheck } from '../../core/teachers/inputScaling';
import type { InputSpec, TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { EvaluateTeacherResult } from '../../protocol/messages';

/** Wording for the teacher cards, kept pure so it is unit-tested and the e2e test can reuse it. */

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** 0.99416 -> "99.42 %" */
export const formatAccuracy = (accuracy: number): string => `${(accuracy * 100).toFixed(2)} %`;

export const inputText = (input: InputSpec): string => `${input.height} × ${input.width} × ${input.channels}`;

export const labelsText = (metadata: TeacherMetadata): string => metadata.labels.join(', ');

export function accuracyText(metadata: TeacherMetadata): string {
  const p = metadata.provenance;
  return p ? `${formatAccuracy(p.testAccuracy)} on ${formatCount(p.testSamples)} test images` : 'not recorded';
}

export const architectureText = (metadata: TeacherMetadata): string => metadata.provenance?.architecture ?? 'not recorded';

export function loadedText(parameters: number, ms: number, loaded: boolean): string {
  const how = loaded ? `loaded in ${Math.round(ms)} ms` : 'already loaded';
  return `In the worker: ${formatCount(parameters)} parameters (${how})`;
}

const NAMED_SCALINGS: [Scaling, string][] = [
  [{ mean: 0, std: 1 }, '[0, 1]'],
  [{ mean: 0.5, std: 0.5 }, '[−1, 1]'],
  [{ mean: 0, std: 1 / 255 }, '[0, 255]'],
];

/** The range a scaling maps pixels to, or its mean and spread. */
export function scalingText({ mean, std }: Scaling): string {
  const named = NAMED_SCALINGS.find(([s]) => Math.abs(s.mean - mean) < 1e-9 && Math.abs(s.std - std) < 1e-9);
  return named ? named[1] : `mean/std (${mean.toFixed(3)} ± ${std.toFixed(3)})`;
}

/** Where a dropped model's input scaling comes from: its metadata, the check's proposal, or the user. */
export function scalingSourceText(input: InputSpec, check: ScalingCheck | null): string {
  if (!check) return `${scalingText(input)} (from its metadata)`;
  const proposed = check.candidates.find((c) => c.id === check.proposed)!;
  const isProposed = Math.abs(proposed.mean - input.mean) < 1e-9 && Math.abs(proposed.std - input.std) < 1e-9;
  return isProposed
    ? `${scalingText(input)} (proposed by the check on ${check.samples} transfer images)`
    : `${scalingText(input)} (chosen; the check proposed ${proposed.label})`;
}

/** One candidate as the scaling menu lists it: how confident and how varied its predictions were. */
export const candidateText = (c: ScalingCheck['candidates'][number]): string =>
  `${c.label}: confidence ${(c.confidence * 100).toFixed(0)} %, variety ${(c.variety * 100).toFixed(0)} %`;

/** "Measured: 95.22 % on 10,000 test images of mnist (wasm, 1.4 s)" */
export function evaluationText(r: EvaluateTeacherResult): string {
  const where = r.dataSet.startsWith('dropped:') ? `images of the labelled folder of ${r.dataSet}` : `${r.split} images of ${r.dataSet}`;
  return `Measured: ${formatAccuracy(r.accuracy)} on ${formatCount(r.samples)} ${where} (${r.backend}, ${(r.ms / 1000).toFixed(1)} s)`;
}
