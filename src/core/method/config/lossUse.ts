import type { RunConfig } from '../config';

/**
 * Which parts of the model a config's loss terms read. Plain config logic, kept apart from the
 * tfjs loss code so the schema's "unused when" rules (read by the page) can use it too.
 */
export function needsCommonSpace(config: RunConfig): boolean {
  const w = config.weights;
  return !config.supervised && [w.intra, w.inter, w.align, w.instanceInter, w.instanceIntra, w.cflMmd, w.cflReconstruction].some((weight) => weight > 0);
}

/** Where the per-teacher term is computed: a joint student with owners (concat's target holds each teacher whole already; a multi-head student has a head per teacher). */
export const teacherKdApplies = (config: RunConfig): boolean => !config.supervised && config.taskMode === 'joint' && config.targetBuilder !== 'concat';
