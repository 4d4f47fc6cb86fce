import { describe, expect, it } from 'vitest';
import { parseAmalgamateArgs } from './amalgamateArgs';
import { UsageError } from './args';
import { teachersShort } from './runFile';

describe('amalgamate teachers: shipped ids or model folders', () => {
  it('accepts a path to a model folder wherever it accepts a shipped id', () => {
    const args = parseAmalgamateArgs(['--preset', 'kd', '--teachers', 'e2e/fixtures/tm-mnist,mnist-5-9']);
    expect(args !== 'help' && args.config.teachers).toEqual(['e2e/fixtures/tm-mnist', 'mnist-5-9']);
  });

  it('refuses a name that is neither, saying both are possible', () => {
    expect(() => parseAmalgamateArgs(['--preset', 'kd', '--teachers', 'no/such/folder'])).toThrow(UsageError);
    expect(() => parseAmalgamateArgs(['--preset', 'kd', '--teachers', 'no/such/folder'])).toThrow(/no\/such\/folder .*or a path to a model folder/);
  });

  it('names a folder teacher in the record file by its last name', () => {
    expect(teachersShort(['e2e/fixtures/tm-mnist/', 'mnist-5-9'])).toBe('tm-mnist+mnist-5-9');
    expect(teachersShort(['mnist-0-4', 'mnist-5-9'])).toBe('mnist-0-4+5-9');
  });
});

describe('amalgamate --evaluate: where the student is scored', () => {
  it('scores on test unless asked for the validation split carved from train', () => {
    const plain = parseAmalgamateArgs(['--preset', 'kd']);
    const chosen = parseAmalgamateArgs(['--preset', 'kd', '--evaluate', 'validation']);
    expect(plain !== 'help' && plain.evaluate).toBe('test');
    expect(chosen !== 'help' && chosen.evaluate).toBe('validation');
  });

  it('refuses any other split by name', () => {
    expect(() => parseAmalgamateArgs(['--preset', 'kd', '--evaluate', 'train'])).toThrow(/--evaluate must be test or validation/);
  });
});
