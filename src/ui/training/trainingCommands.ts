import { ConfigError } from '../../core/method/config';
import type { TrainingWorkerClient } from '../../protocol/client';
import { errorText } from '../../protocol/errors';
import type { TrainingStateResult } from '../../protocol/messages';
import type { StudioState, StudioStore } from '../store/studioStore';
import { runInputProblem, startHint, startProblem } from './startProblem';

export type TrainingCommandName = 'start' | 'pause' | 'resume' | 'step' | 'stop';

export interface CommandContext {
  store: StudioStore;
  worker: Pick<TrainingWorkerClient, 'call'>;
}

/** A user command (Excalidraw's actions): one object serves the button and the shortcut. */
export interface TrainingCommand {
  name: TrainingCommandName;
  label: string;
  /** The key, for aria-keyshortcuts and the button's hint. */
  key: string;
  enabled(state: StudioState): boolean;
  perform(ctx: CommandContext): Promise<void>;
}

/** Runs one worker call with the commands disabled, then shows its answer or its error. */
async function answered(ctx: CommandContext, call: () => Promise<TrainingStateResult>): Promise<void> {
  const s = ctx.store.getState();
  s.markBusy();
  try {
    s.receiveState(await call());
  } catch (error) {
    ctx.store.getState().markFailed(errorText(error));
  }
}

/**
 * Configure the worker with the method panel's config, then start. A bad config, a typed
 * value that is not one, or inputs the run cannot use never reach the worker; a start the
 * worker refuses puts the run on screen back as it was.
 */
async function start(ctx: CommandContext): Promise<void> {
  const s = ctx.store.getState();
  const refused = startProblem(s);
  if (refused) return s.markFailed(refused);
  let config;
  try {
    config = s.runConfig();
  } catch (error) {
    if (error instanceof ConfigError) return s.markFailed(`Check the method settings: ${error.message}`);
    throw error;
  }
  const inputs = runInputProblem(s, config);
  if (inputs) return s.markFailed(inputs);
  const kept = s.runView();
  await answered(ctx, async () => {
    const cadence = { evaluateEvery: s.evaluateEvery, projection: s.projection, probePerClass: s.probePerClass };
    const configured = await ctx.worker.call({ kind: 'configure', config, cadence });
    ctx.store.getState().beginRun(configured.config);
    try {
      return await ctx.worker.call({ kind: 'startTraining' });
    } catch (error) {
      ctx.store.getState().restoreRunView(kept);
      throw error;
    }
  });
}

/**
 * A resumed run on screen as it was: its config in the method panel (and its teachers and
 * data in theirs), its cadence in the training panel, its loss and accuracy history in the
 * charts. The worker's answer is the truth; the offer only says which run.
 */
export async function showResumedRun(ctx: CommandContext, state: TrainingStateResult): Promise<void> {
  const s = ctx.store.getState();
  if (state.config) {
    s.replaceDraft(state.config);
    s.beginRun(state.config);
  }
  const { evaluateEvery, projection, probePerClass } = state.cadence;
  s.setEvaluateEvery(evaluateEvery);
  s.setProjection(projection);
  if (probePerClass !== undefined) s.setProbePerClass(probePerClass);
  const history = await ctx.worker.call({ kind: 'trainingHistory' });
  if (history.runId === state.runId) ctx.store.getState().restoreHistory(history);
}

/** Resume a run saved in IndexedDB (the offer made after a reload). */
export async function resumeFromCheckpoint(ctx: CommandContext, runId: string): Promise<void> {
  ctx.store.getState().setOffer(null);
  await answered(ctx, async () => {
    const state = await ctx.worker.call({ kind: 'resumeFromCheckpoint', runId });
    await showResumedRun(ctx, state);
    return state;
  });
}

const is = (...states: StudioState['progress']['state'][]) => (s: StudioState) => !s.progress.busy && states.includes(s.progress.state);
const canStart = is('idle', 'stopped', 'complete', 'failed');

export const trainingCommands: TrainingCommand[] = [
  { name: 'start', label: 'Start training', key: 'S', enabled: (s) => canStart(s) && startHint(s) === null, perform: start },
  { name: 'pause', label: 'Pause', key: 'P', enabled: is('running'), perform: (ctx) => answered(ctx, () => ctx.worker.call({ kind: 'pause' })) },
  { name: 'resume', label: 'Resume', key: 'R', enabled: is('paused'), perform: (ctx) => answered(ctx, () => ctx.worker.call({ kind: 'resume' })) },
  { name: 'step', label: 'Step once', key: 'N', enabled: is('paused'), perform: (ctx) => answered(ctx, () => ctx.worker.call({ kind: 'stepOnce' })) },
  {
    name: 'stop',
    label: 'Stop',
    key: 'X',
    enabled: is('running', 'paused', 'complete', 'failed'),
    perform: (ctx) => answered(ctx, () => ctx.worker.call({ kind: 'stopTraining' })),
  },
];

/** The command a key press asks for, if it is enabled (keys are case-insensitive, no modifiers). */
export function commandForKey(key: string, state: StudioState): TrainingCommand | null {
  const command = trainingCommands.find((c) => c.key === key.toUpperCase());
  return command && command.enabled(state) ? command : null;
}
