import * as tf from '@tensorflow/tfjs';
import { cohesionMetrics, principalAxes, projectOnAxes, type CohesionMetrics } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { gatherPixels } from '../data/transferSet';
import { runTeachers } from './amalgamation';
import { needsCommonSpace } from './amalgamationLoss';
import { probeTargets } from './batchTargets';
import { l2Normalize } from './losses';
import { runStudent } from './student';
import type { TrainingSession } from './trainingSession';
import { dataLabelsToUnion } from './unionLabels';

/**
 * One frame of the live cluster plot: the probe set embedded by the student and by each
 * teacher, each projected to 2-D by its own PCA (or laid out by a PointProjector such as
 * UMAP), with labels and cohesion metrics.
 */

export const MAX_SNAPSHOT_POINTS = 2000;

export interface ProjectedEmbedding {
  /** Embedding size before projection. */
  dimensions: number;
  /** [x0, y0, x1, y1, ...], one pair per probe point. */
  points: Float32Array;
  /** Variance along the two principal axes (of the embedding, whichever projection placed the points). */
  variances: [number, number];
  cohesion: { trueLabels: CohesionMetrics; pseudoLabels: CohesionMetrics };
}

/** The PCA axes of a frame, to pass back so the next frame keeps their signs (no mirroring). */
export interface SnapshotAxes {
  student: Float64Array;
  teachers: Float64Array[];
}

/**
 * How a frame's points were placed: 'pca' on the principal axes (the default), or 'umap'
 * (a neighbour-graph layout: clusters show better, but distances between them and the
 * orientation from frame to frame mean nothing).
 */
export type ProjectionName = 'pca' | 'umap';

/** Lays n rows of m values out as n 2-D points, [x0, y0, x1, y1, ...]. */
export interface PointProjector {
  name: Exclude<ProjectionName, 'pca'>;
  project(E: Float32Array, n: number, m: number): Promise<Float32Array>;
}

export interface EmbeddingSnapshot {
  step: number;
  projection: ProjectionName;
  /**
   * 'common': v = norm(P_s(h)) and u_k = norm(P_k(f_k)), the space the CKA terms shape.
   * 'features': the config trains no common space (kd, oracle), so the student's features h
   * and the teachers' own features f_k (untrained projections would show nothing).
   */
  space: 'common' | 'features';
  count: number;
  student: ProjectedEmbedding;
  teachers: (ProjectedEmbedding & { id: string })[];
  /** Union class ids from the teachers (what training sees). */
  pseudoLabels: Int32Array;
  /** Union class ids of the test labels: for display and evaluation only. */
  trueLabels: Int32Array;
  /** Per point, the teacher (index into `teachers`) the run's target builder gives it to (probeTargets in batchTargets.ts). */
  owners: Int32Array;
  classNames: string[];
  axes: SnapshotAxes;
}

const CHUNK = 500;

type Values = Float32Array | Int32Array | Uint8Array;

/** Runs `fn` (inside tidy) on each CHUNK of the probe set and joins each output's values. */
async function overChunks(count: number, fn: (start: number, end: number) => tf.Tensor[]): Promise<Float32Array[]> {
  const parts: Values[][] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const outputs = tf.tidy(() => fn(start, Math.min(count, start + CHUNK)));
    parts.push(await Promise.all(outputs.map((t) => t.data())));
    tf.dispose(outputs);
  }
  return parts[0].map((_, k) => concat(parts.map((p) => p[k])));
}

function concat(arrays: Values[]): Float32Array {
  const out = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
  arrays.reduce((offset, a) => (out.set(a, offset), offset + a.length), 0);
  return out;
}

function probeImages(test: LabelledImages, probe: Int32Array, start: number, end: number): tf.Tensor4D {
  return batchToTensor(gatherPixels(test.pixels, test.height * test.width * test.channels, probe.subarray(start, end)), test);
}

/** What the frozen teachers say about the probe set: their features f_k and the pseudo-labels. */
interface TeacherView {
  features: Float32Array[];
  pseudo: Int32Array;
  owners: Int32Array;
}

/**
 * The teachers never change, so their pass (most of a frame's cost) is made once per session;
 * once more when the target builder's pre-pass lands, as pseudo-labels and owners then change.
 */
const teacherViews = new WeakMap<TrainingSession, TeacherView & { prepared: boolean }>();

async function teacherView(session: TrainingSession, probe: Int32Array): Promise<TeacherView> {
  const cached = teacherViews.get(session);
  const prepared = session.amalgamation.ownership !== null;
  if (cached?.prepared === prepared) return cached;
  const { amalgamation: a, inputs } = session;
  const [pseudo, owners, ...features] = await overChunks(probe.length, (start, end) => {
    const x = probeImages(inputs.test, probe, start, end);
    const run = (images: tf.Tensor4D) => runTeachers(a.teachers, images);
    const teachers = run(x);
    const { pseudo, owners } = probeTargets(a, teachers, x, run);
    return [tf.cast(pseudo, 'float32'), tf.cast(owners, 'float32'), ...teachers.features];
  });
  const view = { features, pseudo: Int32Array.from(pseudo), owners: Int32Array.from(owners) };
  teacherViews.set(session, { ...view, prepared });
  return view;
}

/** [student, ...teachers] embeddings of the probe set, row-major. */
async function embed(session: TrainingSession, probe: Int32Array, view: TeacherView): Promise<Float32Array[]> {
  const { amalgamation: a, inputs } = session;
  if (!needsCommonSpace(a.config)) {
    const [h] = await overChunks(probe.length, (start, end) => [runStudent(a.student, probeImages(inputs.test, probe, start, end), false).features]);
    return [h, ...view.features];
  }
  return overChunks(probe.length, (start, end) => {
    const h = runStudent(a.student, probeImages(inputs.test, probe, start, end), false).features;
    const us = view.features.map((f, k) => {
      const d = f.length / probe.length;
      return l2Normalize(a.space.teachers[k].apply(tf.tensor2d(f.subarray(start * d, end * d), [end - start, d])) as tf.Tensor2D);
    });
    return [l2Normalize(a.space.student.apply(h) as tf.Tensor2D), ...us];
  });
}

async function project(E: Float32Array, n: number, labels: { trueLabels: Int32Array; pseudo: Int32Array }, previous?: Float64Array, projector?: PointProjector) {
  const m = E.length / n;
  const axes = principalAxes(E, n, m, 2, previous);
  const embedding: ProjectedEmbedding = {
    dimensions: m,
    points: projector ? await projector.project(E, n, m) : projectOnAxes(E, n, m, axes),
    variances: [axes.variances[0], axes.variances[1]],
    cohesion: { trueLabels: cohesionMetrics(E, n, m, labels.trueLabels), pseudoLabels: cohesionMetrics(E, n, m, labels.pseudo) },
  };
  return { embedding, axes: axes.axes };
}

/** Evenly spread points when the probe set is larger than a plot needs (over 40 classes). Exported for the probe images request. */
export function cap(probe: Int32Array): Int32Array {
  if (probe.length <= MAX_SNAPSHOT_POINTS) return probe;
  return Int32Array.from({ length: MAX_SNAPSHOT_POINTS }, (_, i) => probe[Math.floor((i * probe.length) / MAX_SNAPSHOT_POINTS)]);
}

/** The tensor half of a frame: the probe set embedded, with its labels, read between steps. */
interface Frame {
  step: number;
  space: EmbeddingSnapshot['space'];
  count: number;
  /** [student, ...teachers], row-major. */
  embeddings: Float32Array[];
  labels: { trueLabels: Int32Array; pseudo: Int32Array };
  owners: Int32Array;
  teacherIds: string[];
  classNames: string[];
}

async function embedFrame(session: TrainingSession): Promise<Frame> {
  const a = session.amalgamation;
  const { test } = session.inputs;
  const probe = cap(session.probe);
  if (probe.length === 0) throw new Error('the probe set is empty: no test image is of a class some teacher knows');
  const view = await teacherView(session, probe);
  const embeddings = await embed(session, probe, view);
  const toUnion = dataLabelsToUnion(test.labelNames, a.union);
  return {
    step: a.step,
    space: needsCommonSpace(a.config) ? 'common' : 'features',
    count: probe.length,
    embeddings,
    labels: { trueLabels: Int32Array.from(probe, (i) => toUnion[test.labels[i]]), pseudo: view.pseudo },
    owners: view.owners,
    teacherIds: a.teachers.map((t) => t.metadata.id),
    classNames: [...a.union.names],
  };
}

async function projectFrame(frame: Frame, previous?: SnapshotAxes, projector?: PointProjector): Promise<EmbeddingSnapshot> {
  const { count, labels } = frame;
  const [student, ...teachers] = frame.embeddings;
  const s = await project(student, count, labels, previous?.student, projector);
  const ts: Awaited<ReturnType<typeof project>>[] = [];
  for (const [k, E] of teachers.entries()) ts.push(await project(E, count, labels, previous?.teachers[k], projector));
  return {
    step: frame.step,
    projection: projector?.name ?? 'pca',
    space: frame.space,
    count,
    student: s.embedding,
    teachers: ts.map((t, k) => ({ id: frame.teacherIds[k], ...t.embedding })),
    pseudoLabels: labels.pseudo.slice(), // a copy: the caller may transfer it to another thread
    trueLabels: labels.trueLabels,
    owners: frame.owners.slice(),
    classNames: frame.classNames,
    axes: { student: s.axes, teachers: ts.map((t) => t.axes) },
  };
}

/**
 * A frame between steps (it waits for the step in progress); pass the last frame's axes.
 * Only the embedding holds the session: the projection (a UMAP layout takes seconds) runs
 * after, while training goes on.
 */
export async function embeddingSnapshot(session: TrainingSession, options: { previousAxes?: SnapshotAxes; projector?: PointProjector } = {}): Promise<EmbeddingSnapshot> {
  const frame = await session.exclusive(() => embedFrame(session));
  return projectFrame(frame, options.previousAxes, options.projector);
}
