import { numberSpec, type NumberField } from '../../core/method/config/fieldPaths';

export type { NumberField };

export interface NumberLimits {
  min: number;
  max: number;
  integer: boolean;
}

/** The range validateConfig enforces on a field, read from the schema both of them follow. */
export function limitsOf(field: NumberField): NumberLimits {
  const { min, max, integer } = numberSpec(field);
  return { min, max, integer };
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

/** The problem with a typed whole number that must lie in [min, max], or null (the training panel's counts). */
export function countProblem(text: string, min: number, max: number): string | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) return 'enter a number';
  if (!Number.isInteger(value) || value < min || value > max) return `must be ${rangeText({ min, max, integer: true })}`;
  return null;
}

/** An input's problem as Start reports it: the label, what is wrong, and the text typed. */
export const typedProblem = (label: string, problem: string, text: string): string => `${label} ${problem} (typed "${text}")`;
