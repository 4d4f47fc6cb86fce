import * as tf from '@tensorflow/tfjs';
import { accuracy, argmaxRows, cohesionMetrics, confusionMatrix, perClassAccuracy, subsetAccuracyRestricted, type CohesionMetrics } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { gatherPixels } from '../data/transferSet';
import { predictUnion, runTeachers, type Amalgamation } from './amalgamation';
import { teacherTargets } from './amalgamationLoss';
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
function unionTestIndices(test: LabelledImages, toUnion: Int32Array): Int32Array {
  return Int32Array.from({ length: test.count }, (_, i) => i).filter((i) => toUnion[test.labels[i]] >= 0);
}

/** Union-space scores of the student and of each teacher (teacher classes placed on the union). */
async function scoreTestSet(a: Amalgamation, test: LabelledImages, indices: Int32Array, toUnion: Int32Array, batchSize: number): Promise<Scores> {
  const U = a.union.names.length;
  const student = new Float32Array(indices.length * U);
  const teachers = a.teachers.map(() => new Float32Array(indices.length * U).fill(-Infinity));
  const imageSize = test.height * test.width * test.channels;
  for (let start = 0; start < indices.length; start += batchSize) {
    const batch = gatherPixels(test.pixels, imageSize, indices.subarray(start, start + batchSize));
    const x = batchToTensor(batch, test);
    const [probs, ...teacherLogits] = tf.tidy(() => [predictUnion(a, x), ...runTeachers(a.teachers, x).logits]);
    student.set(await probs.data(), start * U);
    for (const [k, logits] of teacherLogits.entries()) placeOnUnion((await logits.data()) as Float32Array, a.union.maps[k], teachers[k], start, U);
    tf.dispose([x, probs, ...teacherLogits]);
  }
  return { truth: Int32Array.from(indices, (i) => toUnion[test.labels[i]]), student, teachers };
}

function placeOnUnion(logits: Float32Array, map: number[], out: Float32Array, startRow: number, U: number): void {
  const C = map.length;
  for (let r = 0; r < logits.length / C; r++) for (let c = 0; c < C; c++) out[(startRow + r) * U + map[c]] = logits[r * C + c];
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
  const [features, pseudo] = tf.tidy(() => [runStudent(a.student, x, false).features, teacherTargets(a.config, a.union, runTeachers(a.teachers, x)).pseudo]);
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
