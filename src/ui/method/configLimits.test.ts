import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../core/method/config';
import { validateConfig } from '../../core/method/validateConfig';
import { limitsOf, type NumberField } from './configLimits';

const fields: NumberField[] = ['transferLimit', 'studentWidth', 'temperature', 'tau', 'tauAlign', 'projectionSize', 'learningRate', 'batchSize', 'epochs', 'seed', 'weights.kd', 'weights.intra', 'weights.cflMmd'];

describe('limitsOf', () => {
  it('reads the ranges validateConfig enforces', () => {
    expect(limitsOf('tau')).toEqual({ min: 0.01, max: 10, integer: false });
    expect(limitsOf('batchSize')).toEqual({ min: 2, max: 4096, integer: true });
    expect(limitsOf('learningRate')).toEqual({ min: 1e-6, max: 1, integer: false });
    expect(limitsOf('weights.align')).toEqual({ min: 0, max: 1000, integer: false });
  });

  it('gives every field a range whose ends validateConfig accepts and whose outside it refuses', () => {
    for (const field of fields) {
      const { min, max } = limitsOf(field);
      const at = (v: number) =>
        field.startsWith('weights.')
          ? { ...defaultConfig, weights: { ...defaultConfig.weights, [field.slice(8)]: v } }
          : { ...defaultConfig, [field]: v };
      expect(() => validateConfig(at(max)), field).not.toThrow();
      expect(() => validateConfig(at(max * 2 + 1)), field).toThrow();
      if (min > 0) expect(() => validateConfig(at(min / 2 - 1)), field).toThrow();
    }
  });
});

describe('numberProblem', () => {
  it('accepts what validateConfig accepts and says why it would not', async () => {
    const { numberProblem } = await import('./configLimits');
    expect(numberProblem('0.2', 'tau')).toBeNull();
    expect(numberProblem('', 'tau')).toBe('enter a number');
    expect(numberProblem('abc', 'tau')).toBe('enter a number');
    expect(numberProblem('0.001', 'tau')).toBe('must be 0.01 to 10');
    expect(numberProblem('64.5', 'batchSize')).toBe('must be a whole number');
    expect(numberProblem('1', 'batchSize')).toBe('must be whole number 2 to 4096');
  });
});

describe('countProblem', () => {
  // Issue 14, defect 6: Evaluate every (0, -3, x) and Probe images per class (0, 5000, -1) were silently ignored.
  it('names what is wrong with a typed count, and takes a good one', async () => {
    const { countProblem } = await import('./configLimits');
    expect(countProblem('x', 1, 200)).toBe('enter a number');
    expect(countProblem('', 1, 200)).toBe('enter a number');
    for (const bad of ['0', '-3', '5000', '2.5']) expect(countProblem(bad, 1, 200)).toBe('must be whole number 1 to 200');
    expect(countProblem('25', 1, 200)).toBeNull();
  });
});
