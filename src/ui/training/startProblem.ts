import type { RunConfig } from '../../core/method/config';
import type { StudioState } from '../store/studioStore';

/**
 * Why Start cannot run now, before any config is built, or null. The buttons say so too
 * (startHint); this is what a refused press reports.
 */
export function startProblem(state: StudioState): string | null {
  const typed = Object.values(state.inputProblems)[0];
  if (typed) return `Check the settings: ${typed}.`;
  return startHint(state);
}

/** Why Start is disabled while the rest of the page works, in words for the training panel; null when it is not. */
export function startHint(state: StudioState): string | null {
  if (!state.workerReady) return 'Start waits for the training worker to be ready.';
  if (state.dataNotice?.state === 'loading') return `Start waits for the dropped images: ${state.dataNotice.text}`;
  return null;
}

/** Transfer images a run of `config` uses from a set of `count` (transferLimit 0: all). */
const usedImages = (config: Pick<RunConfig, 'transferLimit'>, count: number): number => (config.transferLimit > 0 ? Math.min(config.transferLimit, count) : count);

/**
 * Problems the worker would only find after loading the run's inputs: a batch larger than the
 * dropped folder, a teacher id no card or drop knows (a stale or mistyped link).
 */
export function runInputProblem(state: StudioState, config: RunConfig): string | null {
  const unknown = unknownTeachers(state, config.teachers);
  if (unknown.length > 0) return `The run names teachers this studio does not have: ${unknown.join(', ')}. Drop those models in the Teachers panel, or leave them out (Method panel).`;
  return batchProblem(state, config);
}

/** A batch larger than the dropped folder it would be drawn from (the Method panel warns before Start). */
export function batchProblem(state: StudioState, config: Pick<RunConfig, 'batchSize' | 'transferLimit' | 'data'>): string | null {
  const dropped = state.droppedImageSets.find((d) => d.id === config.data);
  if (!dropped) return null;
  const used = usedImages(config, dropped.transfer.count);
  return config.batchSize > used ? `Batch size ${config.batchSize} is larger than the ${used} transfer images of ${dropped.name}: choose a batch size of at most ${used}.` : null;
}

/** Picked ids that are neither in the shipped zoo nor dropped; empty until the zoo is read (nothing to compare with). */
export function unknownTeachers(state: StudioState, ids: readonly string[]): string[] {
  if (state.teacherZoo.phase !== 'ready') return [];
  const known = new Set([...state.teacherZoo.entries.map((e) => e.id), ...state.droppedTeachers.map((t) => t.id)]);
  return ids.filter((id) => !known.has(id));
}
