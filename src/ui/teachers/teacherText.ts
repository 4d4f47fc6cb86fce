import type { InputSpec, TeacherMetadata } from '../../core/teachers/teacherMetadata';

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
