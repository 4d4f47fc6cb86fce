import { describe, expect, it } from 'vitest';
import { fileStamp, gitState } from './recordStamp';

describe('record stamps', () => {
  it('turns an ISO time into a file-name stamp that sorts by time', () => {
    expect(fileStamp('2026-12-05T01:02:03.456Z')).toBe('20261205T010203Z');
    expect([fileStamp('2026-12-05T10:00:00.000Z'), fileStamp('2026-12-05T09:59:59.999Z')].sort()).toEqual(['20261205T095959Z', '20261205T100000Z']);
  });

  it('reads the commit and the dirty flag of this repository', () => {
    const { gitCommit, gitDirty } = gitState();
    expect(gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof gitDirty).toBe('boolean');
  });
});
