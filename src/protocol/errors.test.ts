import { describe, expect, it } from 'vitest';
import { errorInfo, errorMessage, errorText, WorkerCallError } from './errors';

describe('error text', () => {
  const refused = new WorkerCallError({ code: 'unknown-teacher', message: 'no such' });

  it('gives the message of an Error and the text of anything else', () => {
    expect(errorMessage(new TypeError('boom'))).toBe('boom');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(refused)).toBe('no such');
  });

  it("keeps the worker's code, and calls anything else internal", () => {
    expect(errorInfo(refused)).toEqual({ code: 'unknown-teacher', message: 'no such' });
    expect(errorInfo({ code: 'bad-data', message: 'x' })).toEqual({ code: 'bad-data', message: 'x' });
    expect(errorInfo(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(errorInfo(null)).toEqual({ code: 'internal', message: 'null' });
  });

  it('shows a protocol error with its code and any other by its message', () => {
    expect(errorText(refused)).toBe('no such [unknown-teacher]');
    expect(errorText({ code: 'aborted', message: 'stopped' })).toBe('stopped [aborted]');
    expect(errorText(new Error('boom'))).toBe('boom');
  });
});
