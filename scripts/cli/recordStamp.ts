import { execFileSync } from 'node:child_process';

/** A git command's output, or null where git or the repository is not there. */
function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The commit a record was made from, and whether tracked files differed from it (null: unknown). */
export function gitState(): { gitCommit: string | null; gitDirty: boolean | null } {
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { gitCommit: git(['rev-parse', 'HEAD']), gitDirty: status === null ? null : status.length > 0 };
}

/** An ISO time as a file-name stamp: 2026-12-05T01:02:03.456Z -> 20261205T010203Z (sorts by time). */
export const fileStamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
