import * as tf from '@tensorflow/tfjs';
import { accuracy, argmaxRows, cohesionMetrics, confusionMatrix, perClassAccuracy, subsetAccuracyRestricted, type CohesionMetrics } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { gatherPixels } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { predictUnion, runTeachers, type Amalgamation } from './amalgamation';
import { probeTargets } from './batchTargets';
import { runStudent } from './student';
import { dataLabelsToUnion } from './unionLabels';

export interface TeacherComparison {
  id: string;
  classes: string[];
  samples: number;
  /** Both restricted to the teacher's own classes: the fair student-vs-teacher comparison. */
  student: number;
  teacher: number;
}

export interface Evaluation {
  samples: number;
  jointAccuracy: number;
  perTeacher: TeacherComparison[];
  perClass: (number | null)[];
  confusion: number[][];
  /** On the probe set, in the student's feature space h(x). */
  cohesion: { trueLabels: CohesionMetrics; pseudoLabels: CohesionMetrics };
}

interface Scores {
  truth: Int32Array;
  student: Float32Array;
  teachers: Float32Array[];
}

/** Test samples whose class some teacher knows, with their union label. */
export function unionTestIndices(test: LabelledImages, toUnion: Int32Array): Int32Array {
  return Int32Array.from({ length: test.count }, (_, i) => i).filter((i) => toUnion[test.labels[i]] >= 0);
}

/** Teachers are frozen, so their logits on a test set are computed once and kept. */
const teacherLogitsCache = new WeakMap<Teacher, WeakMap<LabelledImages, Float32Array>>();

async function teacherLogits(teacher: Teacher, test: LabelledImages, batchSize: number): Promise<Float32Array> {
  const cached = teacherLogitsCache.get(teacher)?.get(test);
  if (cached) return cached;
  const C = teacher.metadata.labels.length;
  const out = new Float32Array(test.count * C);
  const imageSize = test.height * test.width * test.channels;
  for (let start = 0; start < test.count; start += batchSize) {
    const ids = Int32Array.from({ length: Math.min(batchSize, test.count - start) }, (_, i) => start + i);
    const x = batchToTensor(gatherPixels(test.pixels, imageSize, ids), test);
    const logits = tf.tidy(() => teacher.run(x).logits);
    out.set(await logits.data(), start * C);
    tf.dispose([x, logits]);
  }
  if (!teacherLogitsCache.has(teacher)) teacherLogitsCache.set(teacher, new WeakMap());
  teacherLogitsCache.get(teacher)!.set(test, out);
  return out;
}

async function studentScores(a: Amalgamation, test: LabelledImages, indices: Int32Array, batchSize: number): Promise<Float32Array> {
  const U = a.union.names.length;
  const scores = new Float32Array(indices.length * U);
  const imageSize = test.height * test.width * test.channels;
  for (let start = 0; start < indices.length; start += batchSize) {
    const x = batchToTensor(gatherPixels(test.pixels, imageSize, indices.subarray(start, start + batchSize)), test);
    const probs = predictUnion(a, x);
    scores.set(await probs.data(), start * U);
    tf.dispose([x, probs]);
  }
  return scores;
}

/** A teacher's logits for the chosen samples, placed on the union (classes it lacks get -Infinity). */
function placeOnUnion(logits: Float32Array, map: number[], indices: Int32Array, U: number): Float32Array {
  const C = map.length;
  const out = new Float32Array(indices.length * U).fill(-Infinity);
  indices.forEach((i, r) => map.forEach((u, c) => (out[r * U + u] = logits[i * C + c])));
  return out;
}

async function scoreTestSet(a: Amalgamation, test: LabelledImages, indices: Int32Array, toUnion: Int32Array, batchSize: number): Promise<Scores> {
  const U = a.union.names.length;
  const teachers: Float32Array[] = [];
  for (const [k, t] of a.teachers.entries()) teachers.push(placeOnUnion(await teacherLogits(t, test, batchSize), a.union.maps[k], indices, U));
  return { truth: Int32Array.from(indices, (i) => toUnion[test.labels[i]]), student: await studentScores(a, test, indices, batchSize), teachers };
}

function compareWithTeachers(a: Amalgamation, s: Scores): TeacherComparison[] {
  const U = a.union.names.length;
  return a.teachers.map((t, k) => {
    const subset = a.union.maps[k];
    const samples = s.truth.filter((y) => subset.includes(y)).length;
    return {
      id: t.metadata.id,
      classes: t.metadata.labels,
      samples,
      student: subsetAccuracyRestricted(s.student, s.truth, U, subset),
      teacher: subsetAccuracyRestricted(s.teachers[k], s.truth, U, subset),
    };
  });
}

/** Cohesion of the student's features on a fixed probe set, by true labels and by pseudo-labels. */
async function probeCohesion(a: Amalgamation, test: LabelledImages, probe: Int32Array, toUnion: Int32Array) {
  const batch = gatherPixels(test.pixels, test.height * test.width * test.channels, probe);
  const x = batchToTensor(batch, test);
  const [features, pseudo] = tf.tidy(() => {
    const run = (images: tf.Tensor4D) => runTeachers(a.teachers, images);
    return [runStudent(a.student, x, false).features, probeTargets(a, run(x), x, run).pseudo];
  });
  const E = (await features.data()) as Float32Array;
  const pseudoLabels = Int32Array.from(await pseudo.data());
  tf.dispose([x, features, pseudo]);
  const trueLabels = Int32Array.from(probe, (i) => toUnion[test.labels[i]]);
  const m = features.shape[1];
  return { trueLabels: cohesionMetrics(E, probe.length, m, trueLabels), pseudoLabels: cohesionMetrics(E, probe.length, m, pseudoLabels) };
}

/** Joint accuracy on the union test set, per-teacher comparison, per-class accuracy, confusion, cohesion. */
export async function evaluateStudent(a: Amalgamation, test: LabelledImages, probe: Int32Array, batchSize = 500): Promise<Evaluation> {
  const toUnion = dataLabelsToUnion(test.labelNames, a.union);
  const indices = unionTestIndices(test, toUnion);
  const scores = await scoreTestSet(a, test, indices, toUnion, batchSize);
  const U = a.union.names.length;
  const predicted = argmaxRows(scores.student, U);
  const confusion = confusionMatrix(predicted, scores.truth, U);
  return {
    samples: indices.length,
    jointAccuracy: accuracy(predicted, scores.truth),
    perTeacher: compareWithTeachers(a, scores),
    perClass: perClassAccuracy(confusion),
    confusion,
    cohesion: await probeCohesion(a, test, probe, toUnion),
  };
}
