import { dataSets } from '../../core/data/dataSets';
import { workingResolution } from '../../core/data/workingResolution';
import { isBuiltInData, type BuiltInData, type RunConfig } from '../../core/method/config';
import { studentParamCount, type StudentShape } from '../../core/method/studentSize';
import { measuredStepTime, type StepTimeMeasurement } from '../../core/method/studentSpeed';
import { studentStepTimes } from '../../core/method/studentStepTimes';
import { buildUnionLabels } from '../../core/method/unionLabels';
import { pickedTeacherMetadata } from '../data/dropResolution';
import type { StudioState } from '../store/studioStore';

/** A built-in set's side and channels, from the registry (checked against the prepared files); MNIST + Fashion is two 28 px gray sets. */
function builtInShape(data: BuiltInData): { side: number; channels: number } {
  const { side, channels } = dataSets[data === 'mnist+fashion-mnist' ? 'mnist' : data];
  return { side, channels };
}

/** The data's own side and channels: a built-in set's, a dropped set's as decoded, or (a dropped set not here yet) colour of unknown size. */
function dataShape(state: StudioState): { side?: number; channels: number } {
  const data = state.transfer;
  if (isBuiltInData(data)) return builtInShape(data);
  const dropped = state.droppedImageSets.find((d) => d.id === data)?.transfer;
  return dropped ? { side: Math.max(dropped.height, dropped.width), channels: dropped.channels } : { channels: 3 };
}

/** The student a run with this draft, these teachers and this data would build (as createAmalgamation does); heads empty until a teacher is known. */
export function draftStudentShape(state: StudioState, draft: RunConfig = state.draft): StudentShape {
  const teachers = pickedTeacherMetadata(state);
  const data = dataShape(state);
  const labels = teachers.map((t) => t.labels);
  const headSizes = labels.length === 0 ? [] : draft.taskMode === 'joint' ? [buildUnionLabels(labels).names.length] : labels.map((l) => l.length);
  return {
    arch: draft.studentArch,
    width: draft.studentWidth,
    side: workingResolution(draft.resolution, teachers.map((t) => t.input), data.side),
    channels: data.channels,
    headSizes,
  };
}

const inputText = (s: StudentShape) => `${s.side} × ${s.side} ${s.channels === 3 ? 'colour' : 'gray'}`;

/** "431,242 parameters: small-cnn, width 32, at 28 × 28 gray, one head of 10 classes". */
export function paramCountText(s: StudentShape): string {
  const n = studentParamCount(s);
  if (n === null) return `${s.arch} cannot be built at ${inputText(s)}: the image is too small for its convolutions and pooling`;
  const heads = s.headSizes.length === 0 ? 'heads not counted (no teacher picked)' : s.headSizes.length === 1 ? `one head of ${s.headSizes[0]} classes` : `heads of ${s.headSizes.join(', ')} classes`;
  return `${n.toLocaleString('en-US')} parameters: ${s.arch}, width ${s.width}, at ${inputText(s)}, ${heads}`;
}

/** The measured step time for this shape, or why there is none; never scaled from another shape. */
export function stepTimeText(s: StudentShape, table: StepTimeMeasurement = studentStepTimes): string {
  const found = measuredStepTime(table, s);
  const machine = `a ${table.cores}-core machine (${table.cpu}, Node, tfjs ${table.tfjs}, ${table.date})`;
  if (!found) {
    const measured = [...new Set(table.rows.map((r) => `${r.side} px ${r.channels === 3 ? 'colour' : 'gray'}`))].join(', ');
    return `No step time measured for ${s.arch} at width ${s.width} and ${inputText(s)} (measured: width ${table.rows[0]?.width} at ${measured}, on ${machine}); none is estimated.`;
  }
  return (
    `≈ ${Math.round(found.cpuMs)} ms/step on wasm at batch ${found.batch}, measured on ${machine}: the student's own step (forward, backward, Adam) in CPU time ` +
    `(tfjs wasm runs one thread); the machine was shared, so its wall clock read ${Math.round(found.wallMs)} ms. ` +
    `A measured figure for that machine kind, scaled by nothing: a real step adds the teachers and the other loss terms, and your device differs.`
  );
}

/**
 * With a teacher trunk the scratch architecture's size and step time say nothing: the trunk is
 * the teacher's own. Null for a scratch trunk; otherwise which teacher it copies, in words.
 */
export function trunkText(state: StudioState, draft: RunConfig = state.draft): string | null {
  if (draft.studentTrunk === 'scratch') return null;
  const id = state.pickedTeacherIds[draft.studentTrunkTeacher];
  const teacher = pickedTeacherMetadata(state).find((t) => t.id === id);
  const how = draft.studentTrunk === 'teacher-frozen' ? 'frozen' : 'fine-tuned';
  if (!teacher) return `No teacher ${draft.studentTrunkTeacher} is picked (teachers count from 0): pick one, or set the trunk teacher to one of them.`;
  return `Trunk: ${teacher.id}'s layers up to its ${teacher.featureSize} features (${teacher.input.height} × ${teacher.input.width} ${teacher.input.channels === 3 ? 'colour' : 'gray'} input), ${how}, then features of ${8 * draft.studentWidth} and the heads; its size and step time are that teacher's, not counted here.`;
}
