import { ConfigError } from '../../core/method/config';
import type { TrainingWorkerClient } from '../../protocol/client';
import { errorText } from '../../protocol/errors';
import type { TrainingStateResult } from '../../protocol/messages';
import type { StudioState, StudioStore } from '../store/studioStore';

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

/** Configure the worker with the method panel's config, then start. A bad config never reaches the worker. */
async function start(ctx: CommandContext): Promise<void> {
  const s = ctx.store.getState();
  let config;
  try {
    config = s.runConfig();
  } catch (error) {
    if (error instanceof ConfigError) return s.markFailed(`Check the method settings: ${error.message}`);
    throw error;
  }
  await answered(ctx, async () => {
    const cadence = { evaluateEvery: s.evaluateEvery, projection: s.projection, probePerClass: s.probePerClass };
    const configured = await ctx.worker.call({ kind: 'configure', config, cadence });
    ctx.store.getState().beginRun(configured.config);
    return ctx.worker.call({ kind: 'startTraining' });
  });
}

/** Resume a run saved in IndexedDB (the offer made after a reload). */
export async function resumeFromCheckpoint(ctx: CommandContext, runId: string): Promise<void> {
  const s = ctx.store.getState();
  const offer = s.progress.offer;
  s.setOffer(null);
  if (offer) s.beginRun(offer.config);
  await answered(ctx, () => ctx.worker.call({ kind: 'resumeFromCheckpoint', runId }));
}

const is = (...states: StudioState['progress']['state'][]) => (s: StudioState) => !s.progress.busy && states.includes(s.progress.state);

export const trainingCommands: TrainingCommand[] = [
  { name: 'start', label: 'Start training', key: 'S', enabled: is('idle', 'stopped', 'complete', 'failed'), perform: start },
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
