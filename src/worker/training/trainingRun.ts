import type { Checkpoint } from '../../core/method/checkpoint';
import type { EmbeddingSnapshot, SnapshotAxes } from '../../core/method/embeddingSnapshot';
import type { EvaluationPoint, StepProgress, TrainingSession } from '../../core/method/trainingSession';
import type { ProjectionName, TrainingCadence, TrainingStepEvent } from '../../protocol/messages';
import type { CheckpointStore } from './checkpointStore';
import type { Emit } from '../backend/initHandler';
import { errorMessage } from '../../protocol/errors';
import { DEFAULT_CHECKPOINT_SECONDS, evaluationEvent, stepEvent } from './trainingEvents';
import { ownershipEvent, preparingProgress } from './ownershipEvents';
import { PrepassAborted } from '../../core/ownership';
import { LatestThrottle, realClock, type ThrottleClock } from './trainingThrottle';

/** What a run needs from the core and the worker; tests pass fakes. */
export interface RunDeps {
  saveCheckpoint(session: TrainingSession): Promise<Checkpoint>;
  snapshot(session: TrainingSession, previousAxes: SnapshotAxes | undefined, projection: ProjectionName): Promise<EmbeddingSnapshot>;
  store: CheckpointStore;
  emit: Emit;
  clock?: ThrottleClock;
}

/** How a run loop ended; 'aborted' (a pause or stop asked for it) is not reported to onEnd. */
export type RunEnd = { kind: 'complete' | 'steps' | 'aborted' } | { kind: 'error'; error: unknown };

/**
 * One session's run loop and its side work: throttled step events, evaluations with
 * embedding snapshots, periodic checkpoints. Side work is chained on `background` and never
 * awaited from a step hook: it queues behind the step on the session, so awaiting it there
 * would deadlock.
 */
export class TrainingRun {
  lastCheckpointStep: number | null;
  /** The last background failure (a checkpoint or a snapshot), for the status line. */
  problem: string | null = null;
  private loop: Promise<RunEnd> | null = null;
  private abort: AbortController | null = null;
  private background: Promise<void> = Promise.resolve();
  private axes: SnapshotAxes | undefined;
  private closed = false;
  private letGo: () => void = () => undefined;
  /** Settles when the run is abandoned, so a request waiting on a step of a lost device stops waiting. */
  private readonly abandoned = new Promise<void>((resolve) => (this.letGo = resolve));
  private readonly steps: LatestThrottle<TrainingStepEvent>;
  private readonly clock: ThrottleClock;
  /** When the last checkpoint was asked for (the run's start counts as one): the time-based cadence counts from it. */
  private lastSaveAt: number;
  /** A periodic save in flight: the next one waits for it rather than queueing behind it. */
  private saving = false;

  constructor(
    readonly runId: string,
    readonly session: TrainingSession,
    readonly cadence: TrainingCadence,
    private readonly deps: RunDeps,
    lastCheckpointStep: number | null = null,
  ) {
    this.lastCheckpointStep = lastCheckpointStep;
    const send = (step: TrainingStepEvent) => deps.emit({ kind: 'training-step', step });
    this.clock = deps.clock ?? realClock;
    this.lastSaveAt = this.clock.now();
    this.steps = new LatestThrottle(send, 1000 / cadence.stepEventsPerSecond, this.clock);
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** Starts the loop; onEnd hears of an end nobody asked for (complete, error) before halt() returns. */
  start(onEnd: (end: RunEnd) => void): void {
    const abort = new AbortController();
    this.abort = abort;
    const options = { signal: abort.signal, evaluateEvery: this.cadence.evaluateEvery };
    const hooks = { onStep: (p: StepProgress) => this.stepped(p), onEvaluate: (e: EvaluationPoint) => this.evaluated(e) };
    this.loop = this.prepare(abort.signal)
      .then(() => this.session.run({ ...options, ...hooks }))
      .then(
        (o): RunEnd => ({ kind: o.stopped }),
        // A pause or stop during the pre-pass cancels it; the next start makes it again.
        (error: unknown): RunEnd => (error instanceof PrepassAborted ? { kind: 'aborted' } : { kind: 'error', error }),
      )
      .then(async (end) => {
        // A checkpoint the last good step queued finishes first, so the failure can name it.
        if (end.kind === 'error') await this.background;
        this.loop = null;
        if (!this.closed) this.steps.flush();
        if (end.kind !== 'aborted' && !this.closed) onEnd(end);
        return end;
      });
  }

  /**
   * The target builder's pass over the transfer set (tens of seconds on 60,000 images), made
   * here rather than inside the first step so the page hears its progress and a stop can cancel
   * it; then who owns the transfer images. A session already prepared returns at once.
   */
  private async prepare(signal: AbortSignal): Promise<void> {
    const emit: Emit = (event) => void (this.closed || this.deps.emit(event));
    await this.session.prepare(preparingProgress(emit, signal));
    const ownership = ownershipEvent(this.session);
    if (ownership) emit({ kind: 'training-ownership', ownership });
  }

  /** Stops the loop at the next step boundary and waits for it and the side work. */
  async halt(): Promise<RunEnd | null> {
    this.abort?.abort();
    const gone = this.abandoned.then(() => null);
    const end = this.loop ? await Promise.race([this.loop, gone]) : null;
    await Promise.race([this.background, gone]);
    return end;
  }

  /** `work`, or a rejection as soon as the run is abandoned (whichever comes first). */
  private unlessAbandoned<T>(work: Promise<T>): Promise<T> {
    const gone = this.abandoned.then((): never => {
      throw new Error('the run was abandoned: its device is gone');
    });
    return Promise.race([work, gone]);
  }

  /** One step outside the loop (stepOnce); its event goes out at once. */
  async step(): Promise<StepProgress> {
    const progress = await this.unlessAbandoned(this.session.step());
    this.steps.offer(stepEvent(progress));
    this.steps.flush();
    this.maybeCheckpoint(progress.step);
    return progress;
  }

  /** Saves a checkpoint after the side work already queued; rejects if the save fails. */
  checkpoint(): Promise<void> {
    this.lastSaveAt = this.clock.now();
    const job = this.unlessAbandoned(this.background.then(() => this.saveNow()));
    this.background = job.catch((error: unknown) => void (this.problem = `checkpoint failed: ${errorMessage(error)}`));
    return job;
  }

  /** Stops the loop and its side work, silently, keeping the session (its student) until close(). */
  async finish(): Promise<void> {
    await this.halt();
    this.steps.cancel();
  }

  /** Stops everything, silently, and frees the session's tensors. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.steps.cancel();
    await this.halt();
    await this.session.dispose();
  }

  /**
   * Lets go of a run whose device is gone, at once: its step may never settle, so nothing
   * here waits for it. Its tensors are freed if the loop ever does end.
   */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.steps.cancel();
    this.abort?.abort();
    void Promise.all([this.loop, this.background]).then(() => this.session.dispose()).catch(() => undefined);
    this.letGo();
  }

  /** A snapshot now (the snapshot request), projected on the axes of the last one so plots do not flip. */
  async snapshot(): Promise<EmbeddingSnapshot> {
    const snapshot = await this.deps.snapshot(this.session, this.axes, this.cadence.projection);
    this.axes = snapshot.axes;
    return snapshot;
  }

  private async saveNow(): Promise<void> {
    const checkpoint = await this.deps.saveCheckpoint(this.session);
    const { runId, cadence, session } = this;
    await this.deps.store.put({ runId, step: checkpoint.step, totalSteps: session.totalSteps, savedAt: checkpoint.savedAt, cadence, checkpoint });
    this.lastCheckpointStep = checkpoint.step;
  }

  private stepped(progress: StepProgress): void {
    if (this.closed) return;
    this.steps.offer(stepEvent(progress));
    this.maybeCheckpoint(progress.step);
  }

  /**
   * A checkpoint every `checkpointEvery` steps, and also once `checkpointSeconds` have passed
   * since the last: on a slow backend 100 steps are minutes a reload would lose.
   */
  private maybeCheckpoint(step: number): void {
    const byStep = step % this.cadence.checkpointEvery === 0;
    const seconds = (this.clock.now() - this.lastSaveAt) / 1000;
    // A timed save waits for one in flight rather than queueing behind it; a stepped one never skips.
    const byTime = !this.saving && seconds >= (this.cadence.checkpointSeconds ?? DEFAULT_CHECKPOINT_SECONDS);
    if (!byStep && !byTime) return;
    this.saving = true;
    this.checkpoint()
      .catch(() => undefined) // recorded in `problem`
      .finally(() => (this.saving = false));
  }

  private evaluated(point: EvaluationPoint): void {
    if (this.closed) return;
    this.deps.emit({ kind: 'training-evaluation', evaluation: evaluationEvent(point) });
    this.background = this.background.then(() => this.snapshotNow()).catch((error: unknown) => void (this.problem = `snapshot failed: ${errorMessage(error)}`));
  }

  private async snapshotNow(): Promise<void> {
    if (this.closed) return;
    const snapshot = await this.snapshot();
    if (!this.closed) this.deps.emit({ kind: 'training-embedding', snapshot });
  }
}
