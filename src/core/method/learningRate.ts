import type * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';

/**
 * The rate for a step (0-based) of a run of `totalSteps`. A function of the step alone, so a
 * resumed run takes the same rates as an uninterrupted one.
 */
export function scheduledRate(config: Pick<RunConfig, 'learningRate' | 'learningRateSchedule'>, step: number, totalSteps: number): number {
  if (config.learningRateSchedule === 'constant' || totalSteps <= 1) return config.learningRate;
  const progress = Math.min(step, totalSteps) / totalSteps;
  return config.learningRate * 0.5 * (1 + Math.cos(Math.PI * progress));
}

/**
 * tfjs's Adam reads `learningRate` afresh at every applyGradients but declares it protected;
 * SGD keeps a scalar made by its own setLearningRate. This is the one place that changes either.
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (rate: number) => void };
  if (o.learningRate === rate) return;
  if (o.setLearningRate) o.setLearningRate(rate);
  else o.learningRate = rate;
}
