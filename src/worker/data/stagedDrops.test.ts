import { describe, expect, it } from 'vitest';
import type { DroppedFile } from '../../protocol/messages';
import { toErrorInfo } from '../failure';
import { StagedDrops } from './stagedDrops';

const files = (...names: string[]): DroppedFile[] => names.map((name) => ({ name, bytes: new ArrayBuffer(1) }));
const stage = (staged: StagedDrops, dropId: string, part: number, ...names: string[]) => staged.stage({ kind: 'stageImageFiles', dropId, part, files: files(...names) });
const failure = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return toErrorInfo(error);
  }
  throw new Error('expected a failure');
};

describe('staged drops', () => {
  it('hands over a drop once, its parts in part order whatever order they came in', () => {
    const staged = new StagedDrops();
    expect(stage(staged, 'd1', 1, 'c', 'd')).toEqual({ parts: 1, files: 2 });
    expect(stage(staged, 'd1', 0, 'a', 'b')).toEqual({ parts: 2, files: 4 });
    expect(stage(staged, 'd1', 2, 'e')).toEqual({ parts: 3, files: 5 });
    expect(staged.take({ dropId: 'd1', parts: 3, count: 5 }, 'pics').map((f) => f.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(failure(() => staged.take({ dropId: 'd1', parts: 3, count: 5 }, 'pics'))).toEqual({ code: 'bad-request', message: 'pics: no files are staged for drop d1: it was discarded, or never staged' });
  });

  it('fails a drop with a part missing, saying which, and keeps nothing of it', () => {
    const staged = new StagedDrops();
    stage(staged, 'd1', 0, 'a');
    stage(staged, 'd1', 2, 'c');
    expect(failure(() => staged.take({ dropId: 'd1', parts: 3, count: 3 }, 'pics'))).toEqual({
      code: 'bad-request',
      message: 'pics: drop d1 was sent as 3 parts (0 to 2), but parts 0, 2 came; missing: 1',
    });
    expect(staged.discard('d1')).toBe(false);
    // A part beyond the count, or files that do not add up, fail alike.
    stage(staged, 'd2', 0, 'a');
    stage(staged, 'd2', 1, 'b');
    expect(failure(() => staged.take({ dropId: 'd2', parts: 1, count: 1 }, 'pics')).message).toBe('pics: drop d2 was sent as 1 parts (0 to 0), but parts 0, 1 came; missing: none');
    stage(staged, 'd3', 0, 'a', 'b');
    expect(failure(() => staged.take({ dropId: 'd3', parts: 1, count: 3 }, 'pics')).message).toBe('pics: drop d3 was sent as 3 files, but 2 came');
  });

  it('lists a long run of missing parts briefly', () => {
    const staged = new StagedDrops();
    stage(staged, 'd1', 0, 'a');
    expect(failure(() => staged.take({ dropId: 'd1', parts: 120, count: 30_000 }, 'pics')).message).toBe('pics: drop d1 was sent as 120 parts (0 to 119), but parts 0 came; missing: 1, 2, 3, 4, 5, … (119 in all)');
  });

  it('discards a drop whose part came twice', () => {
    const staged = new StagedDrops();
    stage(staged, 'd1', 0, 'a');
    expect(failure(() => stage(staged, 'd1', 0, 'a'))).toEqual({ code: 'bad-request', message: 'drop d1: part 0 came twice; its staged parts are discarded' });
    expect(failure(() => staged.take({ dropId: 'd1', parts: 1, count: 1 }, 'pics')).message).toMatch(/no files are staged for drop d1/);
  });

  it('lets a new drop replace the staged parts of the one before, whose load then says so', () => {
    const staged = new StagedDrops();
    stage(staged, 'old', 0, 'a');
    expect(stage(staged, 'new', 0, 'x')).toEqual({ parts: 1, files: 1 });
    expect(failure(() => staged.take({ dropId: 'old', parts: 1, count: 1 }, 'first')).message).toBe('first: no files are staged for drop old: a later drop (new) replaced it');
    expect(staged.take({ dropId: 'new', parts: 1, count: 1 }, 'second').map((f) => f.name)).toEqual(['x']);
  });

  it('discards a drop on request, and only that drop', () => {
    const staged = new StagedDrops();
    stage(staged, 'd1', 0, 'a');
    expect(staged.discard('other')).toBe(false);
    expect(staged.discard('d1')).toBe(true);
    expect(failure(() => staged.take({ dropId: 'd1', parts: 1, count: 1 }, 'pics')).message).toMatch(/discarded, or never staged/);
  });
});
