import * as tf from '@tensorflow/tfjs';
import { axisShifts } from '../augment';
import type { TransferSet } from '../data/transferSet';
import {
  batchEvidence,
  concatWeights,
  disposeOwnershipFit,
  fitOwnership,
  fitTensors,
  ownershipTargets,
  owners,
  prepareOwnership,
  shiftAgreement,
  targetBuilder,
  usesAgreement,
  type OwnershipEvidence,
  type OwnershipFit,
  type OwnershipPrepass,
  type TargetBuilderSpec,
} from '../ownership';
import { teacherTargets, type TeacherOutputs } from './amalgamationLoss';
import type { RunConfig } from './config';
import { applyRefinement, type RefinementTable } from './refinement';
import type { UnionLabels } from './unionLabels';

/** What a batch's targets are built from: the run's config, its union, and the target builder's fit once made. */
export interface TargetSource {
  config: RunConfig;
  union: UnionLabels;
  /** The target builder's pass over the transfer set (prepareTargets), or null before it. */
  ownership: OwnershipPrepass | null;
  /** Self-refinement's reassigned owners by transfer index (refineTargets.ts); absent or null: the builder's owners stand. */
  refinement?: RefinementTable | null;
}

type RunTeachers = (images01: tf.Tensor4D) => TeacherOutputs;

/** The run's target builder; only joint students build one target over the union from several teachers. */
export function builderOf(config: RunConfig): TargetBuilderSpec | null {
  if (config.supervised || config.taskMode !== 'joint') return null;
  return targetBuilder(config.targetBuilder, { temperature: config.temperature, smoothing: config.ownershipSmoothing });
}

/** Images per teacher call in the pre-pass: large batches amortise each call, small enough for a browser. */
const PREPASS_BATCH = 256;

/**
 * Fits the target builder on the whole unlabelled transfer set (one teacher pass, plus one per
 * shift for agreement builders). A session does this before its first step; the result is
 * deterministic, so a resumed run makes it again instead of storing it.
 */
export async function prepareTargets(source: TargetSource, transfer: TransferSet, run: RunTeachers, options: PrepareOptions = {}): Promise<void> {
  const spec = builderOf(source.config);
  if (!spec || source.ownership) return;
  const { onProgress, signal } = options;
  source.ownership = await prepareOwnership(spec, transfer, run, { batchSize: PREPASS_BATCH, seed: source.config.seed, onProgress, signal, summaryTemperature: source.config.temperature });
}

/** A watcher of the pre-pass: its progress (images done of the transfer set) and a way to cancel it (PrepassAborted). */
export interface PrepareOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export function disposeTargets(source: TargetSource): void {
  if (source.ownership) disposeOwnershipFit(source.ownership.fit);
  source.ownership = null;
}

/**
 * The soft target and pseudo-labels of a batch; no ground truth is involved. `indices` (the
 * batch's transfer indices) read the pre-pass's per-image agreement; images from elsewhere (the
 * probe set) get theirs measured now. Without a pre-pass the builder is fitted on this batch
 * alone and the fit is dropped (a probe snapshot taken before the first step).
 */
export function batchTargets(source: TargetSource, teachers: TeacherOutputs, images01: tf.Tensor4D, run: RunTeachers, indices?: ArrayLike<number>): { target: tf.Tensor2D; pseudo: tf.Tensor1D } {
  const spec = builderOf(source.config);
  if (!spec) return teacherTargets(source.config, source.union, teachers);
  return tf.tidy(() => {
    const { target, pseudo } = builderTargets(source, spec, teachers, images01, run, indices);
    if (!source.refinement || !indices) return { target, pseudo };
    const refined = applyRefinement(source.refinement, source.union, teachers.logits, source.config.temperature, indices, target);
    return refined === target ? { target, pseudo } : { target: refined, pseudo: tf.argMax(refined, 1) as tf.Tensor1D };
  });
}

/**
 * The builder's owning teacher per image, int32 [B], before any refinement: what self-refinement
 * compares the student with. Null for runs without a target builder (multi-head, the oracle).
 */
export function builderOwners(source: TargetSource, teachers: TeacherOutputs, images01: tf.Tensor4D, run: RunTeachers, indices?: ArrayLike<number>): tf.Tensor1D | null {
  const spec = builderOf(source.config);
  if (!spec) return null;
  return tf.tidy(() => owners(builderTargets(source, spec, teachers, images01, run, indices).weights));
}

/**
 * Pseudo-labels and owning teachers [B] for images outside the transfer set (the probe set), from
 * the teachers' outputs on them. A run without a builder (multi-head, the oracle) reports its
 * combiner's pseudo-labels and concat's owner, the teacher whose tempered logits are loudest.
 */
export function probeTargets(source: TargetSource, teachers: TeacherOutputs, images01: tf.Tensor4D, run: RunTeachers): { pseudo: tf.Tensor1D; owners: tf.Tensor1D } {
  const spec = builderOf(source.config);
  return tf.tidy(() => {
    if (!spec) return { pseudo: teacherTargets(source.config, source.union, teachers).pseudo, owners: owners(concatWeights(teachers.logits, source.config.temperature)) };
    const built = builderTargets(source, spec, teachers, images01, run);
    return { pseudo: built.pseudo, owners: owners(built.weights) };
  });
}

/** The builder's targets and weights for a batch; without a pre-pass, from a fit on this batch alone (dropped by the caller's tidy). */
function builderTargets(source: TargetSource, spec: TargetBuilderSpec, teachers: TeacherOutputs, images01: tf.Tensor4D, run: RunTeachers, indices?: ArrayLike<number>) {
  const evidence = evidenceOf(source, spec, teachers, images01, run, indices);
  const fit = source.ownership?.fit ?? fitOwnership(spec, evidence, source.config.seed);
  return ownershipTargets(fit, evidence, source.union.maps, source.union.names.length, source.config.temperature);
}

/**
 * A bare trainStep (a one-off step, a timing trial, a test) has no pre-pass: its builder is
 * fitted once on the first batch it trains and kept. A session always runs prepareTargets first.
 */
export function fitOnFirstBatch(source: TargetSource, teachers: TeacherOutputs | undefined, images01: tf.Tensor4D, run: RunTeachers): void {
  const spec = builderOf(source.config);
  if (!spec || source.ownership) return;
  let fit: OwnershipFit | undefined;
  tf.tidy(() => {
    fit = fitOwnership(spec, evidenceOf(source, spec, teachers ?? run(images01), images01, run), source.config.seed);
    fitTensors(fit).forEach((t) => tf.keep(t));
  });
  source.ownership = { fit: fit!, agreement: null };
}

/** A batch's evidence: its pre-pass agreement rows by `indices`, or agreement measured now (probe images). */
function evidenceOf(source: TargetSource, spec: TargetBuilderSpec, teachers: TeacherOutputs, images01: tf.Tensor4D, run: RunTeachers, indices?: ArrayLike<number>): OwnershipEvidence {
  if (indices && source.ownership?.agreement) return batchEvidence(source.ownership, teachers, indices);
  const agreement = usesAgreement(spec) ? shiftAgreement((x) => run(x).logits, images01, axisShifts(2), teachers.logits) : undefined;
  return { logits: teachers.logits, features: teachers.features, agreement };
}
