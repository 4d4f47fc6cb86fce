/** The part of the Web Locks API we use. */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
}

function workerLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

/**
 * Takes the Web Lock `name` and never lets go of it: the browser releases it only when this
 * worker ends, which is how the page learns of a worker that was terminated or crashed
 * (no worker event reports that). False where Web Locks are missing.
 */
export function holdLifeLock(name: string, locks: LockManagerLike | null = workerLocks()): Promise<boolean> {
  if (!locks) return Promise.resolve(false);
  return new Promise((resolve) => {
    const held = () => {
      resolve(true);
      return new Promise<void>(() => undefined);
    };
    locks.request(name, held).catch(() => resolve(false));
  });
}
