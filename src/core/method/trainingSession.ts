import * as tf from '@tensorflow/tfjs';
import { DEFAULT_PROBE_PER_CLASS, selectProbeIndices } from '../evaluation';
import { batchToTensor } from '../data/imageTensors';
import type { LabelledImages } from '../data/labelledImages';
import { median } from '../median';
import { epochOrder, toTransferSet, type TransferSet } from '../data/transferSet';
import type { Teacher } from '../teachers/loadTeacher';
import { createAmalgamation, disposeAmalgamation, predictUnion, runTeachers, trainStep, type Amalgamation, type StepResult } from './amalgamation';
import { builderOf, prepareTargets, type PrepareOptions } from './batchTargets';
import { lossTermNames, type LossTerms } from './amalgamationLoss';
import type { RunConfig } from './config';
import { evaluateStudent, type Evaluation } from './evaluateStudent';
import { refineTargets } from './refineTargets';
import { refinementTable, type Refinement } from './refinement';
import { scheduledRate, setLearningRate } from './learningRate';
import { limitImages } from './runData';
import { DEFAULT_TEACHER_CACHE_BYTES, TeacherCache } from './teacherCache';
import { dataLabelsToUnion } from './unionLabels';

/**
 * An interactive amalgamation: one student, its optimiser and a position in the seeded batch
 * order, trained one step at a time. runAmalgamation is this session run to the end; the
 * browser worker pauses, resumes and checkpoints it (checkpoint.ts).
 */

export interface SessionInputs {
  config: RunConfig;
  teachers: Teacher[];
  /** Training images; their labels are read only by the supervised oracle. */
  train: LabelledImages;
  test: LabelledImages;
  backend: string;
  /**
   * Bound of the teacher-output cache (teacherCache.ts) in bytes; 0 turns it off. Default
   * DEFAULT_TEACHER_CACHE_BYTES: the studio never augments, so an image's teacher outputs are
   * the same every epoch. Not part of RunConfig: it changes speed, not results.
   */
  teacherCacheBytes?: number;
}

/** The next batch to train: batch `batch` (0-based) of epoch `epoch` (0-based). */
export interface Position {
  epoch: number;
  batch: number;
}

export interface StepProgress {
  /** 1-based epoch the step belonged to. */
  epoch: number;
  /** Steps done so far, this one included (continues across a checkpoint). */
  step: number;
  totalSteps: number;
  result: StepResult;
  stepMs: number;
  imagesPerSecond: number;
  etaSeconds: number;
}

export interface EpochRecord {
  epoch: number;
  /** Time spent in this epoch's steps (pauses and evaluation excluded). */
  seconds: number;
  meanTotal: number;
  meanTerms: LossTerms;
  evaluation: Evaluation;
  /** Self-refinement made at this epoch's end: images whose owner changed, and how many qualified before the cap. */
  refinement?: { changed: number; candidates: number };
}

/** Mean loss over `steps` consecutive steps ending at step `step`. */
export interface LossPoint {
  step: number;
  steps: number;
  total: number;
  terms: LossTerms;
}

export interface EvaluationPoint {
  step: number;
  /** Epochs trained when it was taken (fractional mid-epoch). */
  epoch: number;
  evaluation: Evaluation;
}

export interface SessionHistory {
  /** Every step's losses, averaged in buckets of `stride` steps so a long run stays plottable. */
  losses: LossPoint[];
  stride: number;
  /** The steps since the last full bucket (fewer than `stride`). */
  pending: LossPoint | null;
  evaluations: EvaluationPoint[];
  epochs: EpochRecord[];
}

/** Sums over the steps of the epoch in progress, for its EpochRecord. */
export interface EpochTotals {
  steps: number;
  total: number;
  terms: LossTerms;
  seconds: number;
}

/** Everything besides the weights that a checkpoint must carry to resume exactly. */
export interface SessionState {
  position: Position;
  step: number;
  history: SessionHistory;
  epochTotals: EpochTotals;
  /**
   * The student's latest owner reassignments (self-refinement), which the next epochs train on;
   * absent or null before the first. Stored because the student that made them is gone once
   * training goes on.
   */
  refinement?: Refinement | null;
}

export interface RunOptions {
  /** Stop after this many steps (default: until the last epoch ends). */
  steps?: number;
  /** Pause: the run stops at the next step boundary and resolves normally. */
  signal?: AbortSignal;
  onStep?: (p: StepProgress) => void;
  onEpoch?: (e: EpochRecord) => void;
  onEvaluate?: (e: EvaluationPoint) => void;
  /** Also evaluate after every this many steps (epoch ends always evaluate). */
  evaluateEvery?: number;
}

export interface RunOutcome {
  stopped: 'steps' | 'aborted' | 'complete';
  steps: number;
}

export interface TrainingSession {
  readonly inputs: SessionInputs;
  readonly amalgamation: Amalgamation;
  /** The fixed probe set (test-set indices) for cohesion and the embedding plot. */
  readonly probe: Int32Array;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly position: Position;
  readonly history: Readonly<SessionHistory>;
  readonly complete: boolean;
  /** Wall time of every step this session object trained (not carried by checkpoints). */
  readonly stepTimes: readonly number[];
  /** The teacher-output cache, or null when off (or for the supervised oracle, which needs no teachers). */
  readonly teacherCache: TeacherCache | null;
  /** A deep copy of the progress state, taken between steps. */
  state(): SessionState;
  step(): Promise<StepProgress>;
  run(options?: RunOptions): Promise<RunOutcome>;
  evaluate(): Promise<Evaluation>;
  /**
   * Runs `fn` while no step, evaluation or other exclusive call is in progress; calls are served
   * in order. Reading weights over several awaits (a checkpoint) needs this, or a step could
   * land in between and the reads would mix two states.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Frees every tensor, after whatever is queued; the session is unusable from the call on. */
  dispose(): Promise<void>;
  /**
   * Fits the target builder on the transfer set (one teacher pass, more for agreement builders);
   * made before the first step or evaluation when not called, once per session. The first call's
   * options watch it (progress, cancellation); a cancelled pre-pass is made anew by the next call.
   */
  prepare(options?: PrepareOptions): Promise<void>;
}

export const MAX_LOSS_POINTS = 1000;

const mapTerms = (f: (n: keyof LossTerms) => number) => Object.fromEntries(lossTermNames.map((n) => [n, f(n)])) as LossTerms;
const zeroTerms = () => mapTerms(() => 0);

export function emptyHistory(): SessionHistory {
  return { losses: [], stride: 1, pending: null, evaluations: [], epochs: [] };
}

export function emptyEpochTotals(): EpochTotals {
  return { steps: 0, total: 0, terms: zeroTerms(), seconds: 0 };
}

function mergeLoss(a: LossPoint, b: LossPoint): LossPoint {
  const steps = a.steps + b.steps;
  const mix = (x: number, y: number) => (x * a.steps + y * b.steps) / steps;
  return { step: b.step, steps, total: mix(a.total, b.total), terms: mapTerms((n) => mix(a.terms[n], b.terms[n])) };
}

/** Adds one step; when the points reach MAX_LOSS_POINTS, neighbours merge and the stride doubles. */
export function addLoss(h: SessionHistory, r: StepResult): void {
  const point: LossPoint = { step: r.step, steps: 1, total: r.total, terms: { ...r.terms } };
  h.pending = h.pending ? mergeLoss(h.pending, point) : point;
  if (h.pending.steps < h.stride) return;
  h.losses.push(h.pending);
  h.pending = null;
  if (h.losses.length < MAX_LOSS_POINTS) return;
  h.losses = Array.from({ length: h.losses.length >> 1 }, (_, i) => mergeLoss(h.losses[2 * i], h.losses[2 * i + 1]));
  h.stride *= 2;
}

/**
 * The fixed probe set: `perClass` test images per union class (classes no teacher knows
 * dropped), seed 0, the same for every run; a larger set holds the default one.
 */
export function probeIndices(a: Amalgamation, test: LabelledImages, perClass = DEFAULT_PROBE_PER_CLASS): Int32Array {
  const toUnion = dataLabelsToUnion(test.labelNames, a.union);
  return selectProbeIndices(test.labels, perClass, 0).filter((i) => toUnion[test.labels[i]] >= 0);
}

export function stepsPerEpoch(config: RunConfig, trainCount: number): number {
  const count = config.transferLimit > 0 ? Math.min(config.transferLimit, trainCount) : trainCount;
  return Math.floor(count / config.batchSize);
}

/** Yields to the event loop: wasm/cpu steps never do, so a pause message or Ctrl-C could not arrive. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

class Session implements TrainingSession {
  readonly amalgamation: Amalgamation;
  readonly probe: Int32Array;
  readonly stepsPerEpoch: number;
  readonly totalSteps: number;
  readonly stepTimes: number[] = [];
  readonly teacherCache: TeacherCache | null;
  private readonly train: LabelledImages;
  private readonly transfer: TransferSet;
  private readonly toUnion: Int32Array;
  private pos: Position;
  private hist: SessionHistory;
  private totals: EpochTotals;
  private refinement: Refinement | null = null;
  private order: { epoch: number; indices: Uint32Array } | null = null;
  private targetsReady: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private running = false;
  private disposed = false;

  constructor(readonly inputs: SessionInputs, resume?: SessionState) {
    const { config } = inputs;
    // The same subset and seeded order as every other run of this config, so steps line up.
    this.train = limitImages(inputs.train, config.transferLimit, config.seed);
    this.stepsPerEpoch = stepsPerEpoch(config, inputs.train.count);
    if (this.stepsPerEpoch < 1) throw new RangeError(`batchSize ${config.batchSize} is larger than the ${this.train.count} transfer images`);
    if (resume && resume.position.batch > this.stepsPerEpoch) throw new RangeError(`position ${JSON.stringify(resume.position)} is past an epoch of ${this.stepsPerEpoch} steps`);
    this.totalSteps = config.epochs * this.stepsPerEpoch;
    this.transfer = toTransferSet(this.train, config.seed);
    this.amalgamation = createAmalgamation(config, inputs.teachers, inputs.train);
    this.toUnion = dataLabelsToUnion(this.train.labelNames, this.amalgamation.union);
    this.probe = probeIndices(this.amalgamation, inputs.test);
    this.teacherCache = makeTeacherCache(inputs, this.train.count);
    const state = resume ? structuredClone(resume) : { position: { epoch: 0, batch: 0 }, step: 0, history: emptyHistory(), epochTotals: emptyEpochTotals() };
    this.pos = state.position;
    this.hist = state.history;
    this.totals = state.epochTotals;
    this.amalgamation.step = state.step;
    this.setRefinement(state.refinement ?? null);
  }

  get position(): Position {
    return { ...this.pos };
  }

  get history(): Readonly<SessionHistory> {
    return this.hist;
  }

  get complete(): boolean {
    return this.pos.epoch >= this.inputs.config.epochs;
  }

  state(): SessionState {
    return structuredClone({ position: this.pos, step: this.amalgamation.step, history: this.hist, epochTotals: this.totals, refinement: this.refinement });
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('the training session was disposed'));
    return this.enqueue(fn);
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  step(): Promise<StepProgress> {
    return this.exclusive(() => this.advance({}));
  }

  evaluate(): Promise<Evaluation> {
    return this.exclusive(async () => (await this.evaluateNow()).evaluation);
  }

  async run(options: RunOptions = {}): Promise<RunOutcome> {
    if (this.running) throw new Error('this training session is already running');
    this.running = true;
    try {
      for (let steps = 0; ; steps++) {
        if (this.complete) return { stopped: 'complete', steps };
        if (options.steps !== undefined && steps >= options.steps) return { stopped: 'steps', steps };
        await nextTurn();
        if (options.signal?.aborted) return { stopped: 'aborted', steps };
        await this.exclusive(() => this.advance(options));
      }
    } finally {
      this.running = false;
    }
  }

  dispose(): Promise<void> {
    if (this.disposed) return this.queue.then(() => undefined);
    this.disposed = true;
    return this.enqueue(async () => disposeAmalgamation(this.amalgamation));
  }

  prepare(options?: PrepareOptions): Promise<void> {
    if (!this.targetsReady) {
      const ready = prepareTargets(this.amalgamation, this.transfer, (images) => runTeachers(this.amalgamation.teachers, images), options);
      // A failed or cancelled pass is not kept: the next call (a resume) makes it again.
      ready.catch(() => void (this.targetsReady === ready && (this.targetsReady = null)));
      this.targetsReady = ready;
    }
    return this.targetsReady;
  }

  /** One step, then the epoch's end or a periodic evaluation when due. */
  private async advance(hooks: RunOptions): Promise<StepProgress> {
    await this.prepare();
    // An epoch whose closing evaluation failed earlier is closed before training on.
    await this.closeEpochIfDone(hooks);
    if (this.complete) throw new Error(`the run is complete (${this.inputs.config.epochs} epochs)`);
    const progress = await this.trainBatch();
    hooks.onStep?.(progress);
    const closed = await this.closeEpochIfDone(hooks);
    const every = hooks.evaluateEvery ?? 0;
    if (!closed && every > 0 && this.amalgamation.step % every === 0) hooks.onEvaluate?.(await this.evaluateNow());
    return progress;
  }

  private batchIndices(): Uint32Array {
    const { epoch, batch } = this.pos;
    if (this.order?.epoch !== epoch) this.order = { epoch, indices: epochOrder(this.train.count, this.inputs.config.seed, epoch) };
    const size = this.inputs.config.batchSize;
    return this.order.indices.subarray(batch * size, (batch + 1) * size);
  }

  private async trainBatch(): Promise<StepProgress> {
    const { config } = this.inputs;
    const started = performance.now();
    const batch = this.transfer.gather(this.batchIndices());
    const x = batchToTensor(batch, this.transfer);
    const labels = config.supervised ? Int32Array.from(batch.indices, (i) => this.toUnion[this.train.labels[i]]) : undefined;
    const cache = this.teacherCache;
    const teachers = cache ? await cache.outputs(batch.indices, x, (images) => runTeachers(this.amalgamation.teachers, images)) : undefined;
    setLearningRate(this.amalgamation.optimizer, scheduledRate(config, this.amalgamation.step, this.totalSteps));
    const result = await trainStep(this.amalgamation, x, labels, teachers, batch.indices).finally(() => {
      x.dispose();
      if (teachers) tf.dispose([...teachers.features, ...teachers.logits]);
    });
    const stepMs = performance.now() - started;
    this.record(result, stepMs);
    const recent = median(this.stepTimes.slice(-20), 0);
    return {
      epoch: this.pos.epoch + 1,
      step: result.step,
      totalSteps: this.totalSteps,
      result,
      stepMs,
      imagesPerSecond: (config.batchSize * 1000) / recent,
      etaSeconds: ((this.totalSteps - result.step) * recent) / 1000,
    };
  }

  private record(result: StepResult, stepMs: number): void {
    this.pos.batch++;
    this.stepTimes.push(stepMs);
    const t = this.totals;
    t.steps++;
    t.total += result.total;
    for (const n of lossTermNames) t.terms[n] += result.terms[n];
    t.seconds += stepMs / 1000;
    addLoss(this.hist, result);
  }

  private async closeEpochIfDone(hooks: RunOptions): Promise<boolean> {
    if (this.pos.batch < this.stepsPerEpoch) return false;
    const t = this.totals;
    // Before the evaluation: a failed close is redone whole, and the refinement is deterministic.
    const refinement = await this.refineIfDue();
    const point = await this.evaluateNow();
    hooks.onEvaluate?.(point);
    const { evaluation } = point;
    const record: EpochRecord = { epoch: this.pos.epoch + 1, seconds: t.seconds, meanTotal: t.total / t.steps, meanTerms: mapTerms((n) => t.terms[n] / t.steps), evaluation };
    if (refinement) record.refinement = { changed: refinement.indices.length, candidates: refinement.candidates };
    this.hist.epochs.push(record);
    this.pos = { epoch: this.pos.epoch + 1, batch: 0 };
    this.totals = emptyEpochTotals();
    hooks.onEpoch?.(record);
    return true;
  }

  /**
   * Self-refinement at the end of a 1-based epoch from refineFromEpoch on, except the last (no
   * epoch would train on it): the student reassigns owners for the epochs after (refineTargets.ts).
   */
  private async refineIfDue(): Promise<Refinement | null> {
    const { config } = this.inputs;
    const closing = this.pos.epoch + 1;
    if (config.refine !== 'student' || !builderOf(config) || closing < config.refineFromEpoch || closing >= config.epochs) return null;
    const a = this.amalgamation;
    const run = (images: tf.Tensor4D) => runTeachers(a.teachers, images);
    const cache = this.teacherCache;
    const refinement = await refineTargets(
      a,
      this.transfer,
      { predict: (x) => predictUnion(a, x), teachers: async (indices, x) => (cache ? cache.outputs(indices, x, run) : run(x)), run },
      { threshold: config.refineThreshold, maxShare: config.refineMaxShare, seed: config.seed, epoch: closing },
    );
    this.setRefinement(refinement);
    return refinement;
  }

  private setRefinement(r: Refinement | null): void {
    this.refinement = r;
    this.amalgamation.refinement = r ? refinementTable(r, this.train.count) : null;
  }

  private async evaluateNow(): Promise<EvaluationPoint> {
    await this.prepare();
    const evaluation = await evaluateStudent(this.amalgamation, this.inputs.test, this.probe);
    const point = { step: this.amalgamation.step, epoch: this.pos.epoch + this.pos.batch / this.stepsPerEpoch, evaluation };
    this.hist.evaluations.push(point);
    return point;
  }
}

function makeTeacherCache(inputs: SessionInputs, imageCount: number): TeacherCache | null {
  const bytes = inputs.teacherCacheBytes ?? DEFAULT_TEACHER_CACHE_BYTES;
  if (bytes <= 0 || inputs.config.supervised) return null;
  const widths = inputs.teachers.map((t) => ({ features: t.metadata.featureSize, logits: t.metadata.labels.length }));
  return new TeacherCache(widths, imageCount, bytes);
}

/**
 * A session at step 0, or, given `resume` (from a checkpoint), at that state; the caller then
 * loads the weights (restoreSession in checkpoint.ts does both).
 */
export function createTrainingSession(inputs: SessionInputs, resume?: SessionState): TrainingSession {
  return new Session(inputs, resume);
}
