import type { Checkpoint, RestoreInputs } from '../../core/method/checkpoint';
import { CheckpointMismatchError } from '../../core/method/checkpoint';
import { ConfigError, type RunConfig } from '../../core/method/config';
import type { EmbeddingSnapshot } from '../../core/method/embeddingSnapshot';
import type { SessionInputs, TrainingSession } from '../../core/method/trainingSession';
import { resolveConfig } from '../../core/method/resolveConfig';
import { validateConfig } from '../../core/method/validateConfig';
import type { BackendName, CheckpointSummary, ConfigureRequest, ConfigureResult, TrainingCadence, TrainingHistoryResult, TrainingStateName, TrainingStateResult, WorkerMemory } from '../../protocol/messages';
import { newestFirst } from './checkpointStore';
import { WorkerFailure } from '../failure';
import { checkpointNote, DEFAULT_CADENCE, failureMessage, historyResult, lastLoss, resolveCadence } from './trainingEvents';
import type { LoadTrainingInputs } from './trainingInputs';
import { withProbeSize } from '../embedding/probeSession';
import { TrainingRun, type RunDeps, type RunEnd } from './trainingRun';
import { errorMessage } from '../../protocol/errors';

export interface TrainingDeps extends RunDeps {
  loadInputs: LoadTrainingInputs;
  createSession(inputs: SessionInputs): TrainingSession;
  restoreSession(checkpoint: Checkpoint, inputs: RestoreInputs): Promise<TrainingSession>;
  /** tf.memory() in words the protocol carries. */
  memory(): WorkerMemory & { numTensors: number };
  /** The backend tfjs is on now (null before init or after a lost device). */
  backend(): BackendName | null;
  newRunId?(): string;
}

const memoryFields = ({ numTensors, ...memory }: WorkerMemory & { numTensors: number }) => ({ numTensors, memory });

const defaultRunId = () => `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * The worker's training state machine: idle -> running <-> paused -> stopped, ending in
 * complete or failed on its own. Requests arrive one at a time (the worker queues them);
 * the run loop itself runs beside that queue, so pause and stop can reach it mid-epoch.
 */
export class TrainingController {
  private config: RunConfig | null = null;
  private cadence: TrainingCadence = DEFAULT_CADENCE;
  private run: TrainingRun | null = null;
  private status: { state: TrainingStateName; message: string | null } = { state: 'idle', message: null };

  constructor(private readonly deps: TrainingDeps) {}

  /** True while a session holds tensors that a backend switch would destroy. */
  busy(): boolean {
    return this.status.state === 'running' || this.status.state === 'paused';
  }

  configure(request: ConfigureRequest): ConfigureResult {
    try {
      // The preset the request names fills in what it leaves out, as it does for the CLI.
      this.config = resolveConfig({ config: request.config });
    } catch (error) {
      if (error instanceof ConfigError) throw new WorkerFailure('bad-config', error.message);
      throw error;
    }
    this.cadence = resolveCadence(DEFAULT_CADENCE, request.cadence);
    return { config: this.config, cadence: this.cadence };
  }

  async start(): Promise<TrainingStateResult> {
    this.require(['idle', 'paused', 'stopped', 'complete', 'failed'], 'start training');
    this.config ??= validateConfig({});
    // The new session is built before the last run is let go: a start refused here (a batch
    // larger than the data, a teacher that will not load) leaves that run, its student and
    // its results as they were.
    const session = await this.newSession(this.config);
    await this.run?.close();
    const runId = (this.deps.newRunId ?? defaultRunId)();
    this.launch(new TrainingRun(runId, session, this.cadence, this.deps));
    return this.state();
  }

  private async newSession(config: RunConfig): Promise<TrainingSession> {
    const inputs = await this.deps.loadInputs(config);
    try {
      return withProbeSize(this.deps.createSession(inputs), this.cadence.probePerClass);
    } catch (error) {
      if (error instanceof RangeError) throw new WorkerFailure('bad-config', error.message);
      throw error;
    }
  }

  async pause(): Promise<TrainingStateResult> {
    const run = this.requireRun(['running'], 'pause');
    await run.halt();
    if (this.status.state !== 'running') return this.state(); // it completed or failed meanwhile
    const saved = await run.checkpoint().then(() => 'checkpoint saved', (error: unknown) => `checkpoint not saved (${errorMessage(error)})`);
    if (this.status.state !== 'running') return this.state(); // its device was lost meanwhile
    this.setStatus('paused', `paused at step ${this.step()}; ${saved}`);
    return this.state();
  }

  async resume(): Promise<TrainingStateResult> {
    this.launch(this.requireRun(['paused'], 'resume'));
    return this.state();
  }

  async stepOnce(): Promise<TrainingStateResult> {
    const run = this.requireRun(['paused'], 'step once');
    try {
      await run.step();
    } catch (error) {
      // A lost device has already failed the run, with a better message.
      if (this.status.state === 'paused') this.setStatus('failed', failureMessage(error, run.lastCheckpointStep));
    }
    return this.state();
  }

  /**
   * Ends the run for good, but keeps its student (freed by the next start or resume), so
   * Export and Try it still work on what Results shows.
   */
  async stop(): Promise<TrainingStateResult> {
    const run = this.requireRun(['running', 'paused', 'complete', 'failed'], 'stop');
    await run.finish();
    this.setStatus('stopped', `stopped at step ${this.step()}; its student stays for Export and Try it until the next start`);
    return this.state();
  }

  /** Saves the run's checkpoint now (the page is hidden or closing); nothing to do without a run that trains. */
  async checkpointNow(): Promise<TrainingStateResult> {
    const run = this.run;
    if (run && (this.status.state === 'running' || this.status.state === 'paused')) {
      await run.checkpoint().catch(() => undefined); // recorded in the run's `problem`
    }
    return this.state();
  }

  history(): TrainingHistoryResult {
    return historyResult(this.run?.runId ?? null, this.run?.session.history);
  }

  async snapshot(): Promise<EmbeddingSnapshot> {
    return this.requireRun(['running', 'paused', 'complete'], 'take a snapshot').snapshot();
  }

  /** The student's session, for export and predictions (studentHandlers.ts); throws unless the run is in `states`. */
  sessionIn(states: TrainingStateName[], what: string): TrainingSession {
    return this.requireRun(states, what).session;
  }

  async latestCheckpoint(): Promise<CheckpointSummary | null> {
    return newestFirst(await this.deps.store.list())[0] ?? null;
  }

  listCheckpoints(): Promise<CheckpointSummary[]> {
    return this.deps.store.list();
  }

  deleteCheckpoint(runId: string): Promise<boolean> {
    return this.deps.store.delete(runId);
  }

  async resumeFromCheckpoint(runId: string): Promise<TrainingStateResult> {
    this.require(['idle', 'paused', 'stopped', 'complete', 'failed'], 'resume from a checkpoint');
    const record = await this.deps.store.get(runId);
    if (!record) throw new WorkerFailure('no-checkpoint', `no checkpoint is stored for run '${runId}'`);
    await this.run?.close();
    const { config } = record.checkpoint;
    const { teachers, train, test, backend } = await this.deps.loadInputs(config);
    let session: TrainingSession;
    try {
      session = await this.deps.restoreSession(record.checkpoint, { teachers, train, test, backend });
    } catch (error) {
      if (error instanceof CheckpointMismatchError) throw new WorkerFailure('checkpoint-mismatch', error.message);
      throw error;
    }
    // Checkpoints saved before a cadence field existed get its default.
    [this.config, this.cadence] = [config, resolveCadence(DEFAULT_CADENCE, record.cadence)];
    this.launch(new TrainingRun(runId, withProbeSize(session, this.cadence.probePerClass), this.cadence, this.deps, record.step));
    return this.state();
  }

  /**
   * The device under the session is gone: the run is failed at once, without waiting for its
   * step (which may never settle), and its last checkpoint is what is left to resume.
   */
  deviceLost(what: string): { runId: string | null; lastCheckpointStep: number | null } {
    const run = this.run;
    if (!run) return { runId: null, lastCheckpointStep: null };
    const lost = { runId: run.runId, lastCheckpointStep: run.lastCheckpointStep };
    if (this.status.state === 'stopped') return lost; // already closed: nothing was training
    run.abandon();
    this.setStatus('failed', `Training stopped: ${what}. ${checkpointNote(run.lastCheckpointStep)} Resume it on another backend.`);
    return lost;
  }

  state(): TrainingStateResult {
    const run = this.run;
    const session = run?.session;
    const history = session?.history;
    const latest = history?.evaluations.at(-1);
    const epochs = session?.inputs.config.epochs ?? 1;
    return {
      ...this.status,
      message: this.status.message ?? run?.problem ?? null,
      runId: run?.runId ?? null,
      step: this.step(),
      totalSteps: session?.totalSteps ?? 0,
      epoch: Math.min((session?.position.epoch ?? 0) + 1, epochs),
      lastCheckpointStep: run?.lastCheckpointStep ?? null,
      lastLoss: history ? lastLoss(history) : null,
      lossPoints: history ? history.losses.length + (history.pending ? 1 : 0) : 0,
      evaluations: history?.evaluations.length ?? 0,
      latestAccuracy: latest?.evaluation.jointAccuracy ?? null,
      latestAccuracyStep: latest?.step ?? null,
      config: this.config,
      cadence: this.cadence,
      ...memoryFields(this.deps.memory()),
      backend: this.deps.backend(),
    };
  }

  private step(): number {
    return this.run?.session.amalgamation.step ?? 0;
  }

  private launch(run: TrainingRun): void {
    this.run = run;
    run.start((end) => this.ended(run, end));
    this.setStatus('running', null);
  }

  private ended(run: TrainingRun, end: RunEnd): void {
    if (run !== this.run) return;
    if (end.kind === 'error') this.setStatus('failed', failureMessage(end.error, run.lastCheckpointStep));
    else this.setStatus('complete', `finished all ${run.session.totalSteps} steps`);
  }

  private setStatus(state: TrainingStateName, message: string | null): void {
    this.status = { state, message };
    const status = { state, runId: this.run?.runId ?? null, step: this.step(), ...(message === null ? {} : { message }) };
    this.deps.emit({ kind: 'training-status', status });
  }

  private require(states: TrainingStateName[], what: string): void {
    if (!states.includes(this.status.state)) {
      throw new WorkerFailure('training-state', `cannot ${what} while training is ${this.status.state}`);
    }
  }

  private requireRun(states: TrainingStateName[], what: string): TrainingRun {
    this.require(states, what);
    if (!this.run) throw new WorkerFailure('training-state', `cannot ${what}: there is no training session`);
    return this.run;
  }
}
