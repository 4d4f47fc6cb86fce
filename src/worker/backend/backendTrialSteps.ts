import type * as tf from '@tensorflow/tfjs';
import { batchToTensor } from '../../core/data/imageTensors';
import { createAmalgamation, disposeAmalgamation, trainStep, type Amalgamation } from '../../core/method/amalgamation';
import { loadTeacher, type Teacher } from '../../core/teachers/loadTeacher';
import type { CkaFixture } from './backendTrialFixture';

export interface StepPlan {
  warmup: number;
  steps: number;
  /** Budget for the whole call; checked between steps, since a step cannot be interrupted. */
  capMs: number;
  /** Timed steps that run whatever the cap (a benchmark wants at least one figure). */
  minSteps: number;
}

export interface TimedSteps {
  setupMs: number;
  warmupMs: number[];
  stepMs: number[];
  losses: number[];
  /** Why fewer than plan.steps were timed, or null. */
  stoppedEarly: string | null;
}

/** Yields so a queued message (or the page's abort) is not starved by back-to-back steps. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function buildTeachers(fixture: CkaFixture): Promise<Teacher[]> {
  const teachers: Teacher[] = [];
  try {
    for (const t of fixture.teachers) teachers.push(await loadTeacher(t.files, t.metadata));
    return teachers;
  } catch (error) {
    teachers.forEach((t) => t.dispose());
    throw error;
  }
}

export type OnStep = (step: { warmup: boolean; ms: number; loss: number }) => void;

/**
 * Real CKA training steps on the active backend: fresh teachers, student and batch, all
 * disposed before returning, so the trial can move on to the next backend clean.
 */
export async function timeCkaSteps(fixture: CkaFixture, plan: StepPlan, onStep: OnStep = () => {}): Promise<TimedSteps> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const teachers = await buildTeachers(fixture);
  let a: Amalgamation | undefined;
  let x: tf.Tensor4D | undefined;
  try {
    a = createAmalgamation(fixture.config, teachers, fixture.shape);
    x = batchToTensor(fixture.batch, fixture.shape);
    const out: TimedSteps = { setupMs: elapsed(), warmupMs: [], stepMs: [], losses: [], stoppedEarly: null };
    for (let i = 0; i < plan.warmup + plan.steps; i++) {
      const warm = i < plan.warmup;
      if (i > 0 && elapsed() > plan.capMs && out.stepMs.length >= plan.minSteps) {
        out.stoppedEarly = `${Math.round(elapsed())} ms spent, over the ${plan.capMs} ms cap`;
        break;
      }
      await nextTurn();
      const t0 = performance.now();
      const { total } = await trainStep(a, x);
      const ms = performance.now() - t0;
      (warm ? out.warmupMs : out.stepMs).push(ms);
      out.losses.push(total);
      onStep({ warmup: warm, ms, loss: total });
    }
    return out;
  } finally {
    x?.dispose();
    if (a) disposeAmalgamation(a);
    teachers.forEach((t) => t.dispose());
  }
}
