import type { StudentArch } from './config/schema';

/** One measured student training step (scripts/student-speed.ts). */
export interface StudentStepTime {
  arch: StudentArch;
  /** Working resolution (square side, pixels) and channels of the images. */
  side: number;
  channels: number;
  /** RunConfig.studentWidth and the size of the one (joint) head. */
  width: number;
  classes: number;
  batch: number;
  /** Median wall-clock ms of a step, and median CPU ms of the process in that step. */
  wallMs: number;
  cpuMs: number;
}

/** Where the figures come from, shown with them: they are not scaled to any other machine. */
export interface StepTimeMeasurement {
  date: string;
  command: string;
  cpu: string;
  cores: number;
  node: string;
  tfjs: string;
  /** The 1-minute load average when the run began (the machine is shared). */
  loadAverage: number;
  rows: StudentStepTime[];
}

/**
 * The measured step of exactly this architecture, side, channels and width, or null: a figure
 * for another shape would be a guess, so none is made (no scaling, no interpolation). The head's
 * size is not matched: a dense head of a few dozen classes is a tiny part of the step.
 */
export function measuredStepTime(
  table: StepTimeMeasurement,
  shape: { arch: StudentArch; side: number; channels: number; width: number },
): StudentStepTime | null {
  return table.rows.find((r) => r.arch === shape.arch && r.side === shape.side && r.channels === shape.channels && r.width === shape.width) ?? null;
}
