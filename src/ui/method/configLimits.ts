import { ConfigError, defaultConfig, type LossWeights } from '../../core/method/config';
import { validateConfig } from '../../core/method/validateConfig';

export interface NumberLimits {
  min: number;
  max: number;
  integer: boolean;
}

/** A numeric field of the config: a top-level one, or a loss weight as 'weights.<name>'. */
export type NumberField =
  | 'transferLimit'
  | 'studentWidth'
  | 'temperature'
  | 'tau'
  | 'tauAlign'
  | 'projectionSize'
  | 'learningRate'
  | 'batchSize'
  | 'epochs'
  | 'seed'
  | `weights.${keyof LossWeights}`;

const LIMITS = /must be (an integer|a number) in \[([^,]+), ([^\]]+)\]/;

/**
 * The range validateConfig enforces on a field, read from validateConfig itself (it is asked
 * to check a non-number and names the range it wanted), so the form can never drift from
 * the worker's check.
 */
export function limitsOf(field: NumberField): NumberLimits {
  let limits = known.get(field);
  if (!limits) known.set(field, (limits = readLimits(field)));
  return limits;
}

/** Ranges never change while the page runs: each is read from validateConfig once. */
const known = new Map<NumberField, NumberLimits>();

function readLimits(field: NumberField): NumberLimits {
  const probe = field.startsWith('weights.')
    ? { ...defaultConfig, weights: { ...defaultConfig.weights, [field.slice('weights.'.length)]: 'probe' } }
    : { ...defaultConfig, [field]: 'probe' };
  try {
    validateConfig(probe);
  } catch (error) {
    const match = error instanceof ConfigError && error.field === field ? LIMITS.exec(error.message) : null;
    if (match) return { integer: match[1] === 'an integer', min: Number(match[2]), max: Number(match[3]) };
    throw new Error(`validateConfig refused ${field} without naming a range: ${String(error)}`);
  }
  throw new Error(`validateConfig accepted a non-number for ${field}: it has no range to show`);
}

export const rangeText = ({ min, max, integer }: NumberLimits): string => `${integer ? 'whole number ' : ''}${min} to ${max}`;

/** The problem with a typed value, in words, or null when validateConfig would take it. */
export function numberProblem(text: string, field: NumberField): string | null {
  const limits = limitsOf(field);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return 'enter a number';
  if (limits.integer && !Number.isInteger(value)) return 'must be a whole number';
  if (value < limits.min || value > limits.max) return `must be ${rangeText(limits)}`;
  return null;
}
