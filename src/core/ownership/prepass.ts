import * as tf from '@tensorflow/tfjs';
import { axisShifts } from '../augment';
import { batchToTensor } from '../data/imageTensors';
import type { TransferSet } from '../data/transferSet';
import type { TeacherOutputs } from '../method/amalgamationLoss';
import { ImageTable, shiftAgreement } from './agreement';
import type { OwnershipEvidence } from './evidence';
import { fitOwnership, type OwnershipFit } from './fit';
import { ownershipSummary, type OwnershipSummary } from './summary';
import { needsFit, usesAgreement, usesFeatures, type TargetBuilderSpec } from './spec';

/** What training needs from the pass over the transfer set: the fit, and per-image agreement when the builder uses it. */
export interface OwnershipPrepass {
  fit: OwnershipFit;
  /** Row i: transfer image i's agreement (OwnershipEvidence.agreement), or null when the builder has no agreement term. */
  agreement: ImageTable | null;
  /** How the builder shares the transfer set out, against concat (when PrepassOptions.summaryTemperature was given and the pass ran). */
  summary?: OwnershipSummary;
}

export interface PrepassOptions {
  batchSize: number;
  /** Shifts the agreement averages over (default: the four ±2 px axis shifts). */
  shifts?: [number, number][];
  /** Seed of the cluster centres' start. */
  seed: number;
  /** Called after each batch of the pass with the images done so far and the transfer set's size. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between batches: once aborted, the pass frees what it holds and rejects with PrepassAborted. */
  signal?: AbortSignal;
  /** Also summarise ownership over the transfer set against concat at this (the run's) temperature. */
  summaryTemperature?: number;
}

/** The pre-pass was cancelled through PrepassOptions.signal. */
export class PrepassAborted extends Error {
  constructor() {
    super('the pass over the transfer set was cancelled');
    this.name = 'PrepassAborted';
  }
}

type Run = (images01: tf.Tensor4D) => TeacherOutputs;

/**
 * One pass of the frozen teachers over the whole transfer set, in index order and without labels,
 * then fitOwnership. Costs one teacher pass, plus one per shift for agreement builders; builders
 * with neither a fit nor agreement (concat, confidence, least-ambiguity) skip it. After it, each
 * training batch needs only batchEvidence(prepass, teacherOutputs, batch.indices).
 */
export async function prepareOwnership(spec: TargetBuilderSpec, transfer: TransferSet, run: Run, options: PrepassOptions): Promise<OwnershipPrepass> {
  const agreeing = usesAgreement(spec);
  if (!needsFit(spec) && !agreeing) return { fit: fitOwnership(spec, { logits: [] }), agreement: null };
  const parts: OwnershipEvidence[] = [];
  for (let start = 0; start < transfer.count; start += options.batchSize) {
    if (options.signal?.aborted) {
      parts.forEach(disposeEvidence);
      throw new PrepassAborted();
    }
    const indices = Array.from({ length: Math.min(options.batchSize, transfer.count - start) }, (_, j) => start + j);
    parts.push(await evidenceOf(spec, transfer, indices, run, options.shifts ?? axisShifts(2)));
    options.onProgress?.(start + indices.length, transfer.count);
  }
  const whole = joinEvidence(parts);
  const fit = fitOwnership(spec, whole, options.seed);
  const agreement = agreeing ? new ImageTable(transfer.count, whole.logits.length) : null;
  if (agreement) agreement.set(Int32Array.from({ length: transfer.count }, (_, i) => i), (await whole.agreement!.data()) as Float32Array);
  const summary = options.summaryTemperature === undefined ? undefined : await ownershipSummary(fit, whole, options.summaryTemperature);
  disposeEvidence(whole);
  return { fit, agreement, ...(summary ? { summary } : {}) };
}

async function evidenceOf(spec: TargetBuilderSpec, transfer: TransferSet, indices: number[], run: Run, shifts: [number, number][]): Promise<OwnershipEvidence> {
  const x = batchToTensor(transfer.gather(indices), transfer);
  const out = run(x);
  const agreement = usesAgreement(spec) ? shiftAgreement((images) => run(images).logits, x, shifts, out.logits) : undefined;
  x.dispose();
  // Lets the browser's event loop breathe between batches of a long pass.
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (usesFeatures(spec)) return { logits: out.logits, features: out.features, agreement };
  tf.dispose(out.features);
  return { logits: out.logits, agreement };
}

function joinEvidence(parts: OwnershipEvidence[]): OwnershipEvidence {
  const teachers = parts[0].logits.length;
  const cat = (pick: (e: OwnershipEvidence) => tf.Tensor2D | undefined) => (parts[0] && pick(parts[0]) ? (tf.concat(parts.map((p) => pick(p)!), 0) as tf.Tensor2D) : undefined);
  const whole: OwnershipEvidence = {
    logits: Array.from({ length: teachers }, (_, k) => cat((e) => e.logits[k])!),
    features: parts[0].features ? Array.from({ length: teachers }, (_, k) => cat((e) => e.features![k])!) : undefined,
    agreement: cat((e) => e.agreement),
  };
  parts.forEach(disposeEvidence);
  return whole;
}

export function disposeEvidence(e: OwnershipEvidence): void {
  tf.dispose([...e.logits, ...(e.features ?? []), ...(e.agreement ? [e.agreement] : [])]);
}

/**
 * A training batch's evidence: the teachers' outputs on it (from runTeachers or the TeacherCache)
 * and its rows of the pre-pass agreement, by the batch's transfer indices (ImageBatch.indices).
 * The caller disposes `agreement` (the outputs stay the caller's).
 */
export function batchEvidence(prepass: OwnershipPrepass, outputs: TeacherOutputs, indices: ArrayLike<number>): OwnershipEvidence {
  return { logits: outputs.logits, features: outputs.features, agreement: prepass.agreement?.rows(indices) };
}
