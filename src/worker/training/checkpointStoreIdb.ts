import { newestFirst, summarize, type CheckpointStore, type StoredCheckpoint } from './checkpointStore';

const DB_NAME = 'cka-studio';
const STORE = 'checkpoints';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'runId' });
  return promised(request);
}

/** Resolves once the transaction commits, so a put is on disk before pause answers. */
function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Checkpoints in IndexedDB (available in workers), one record per run id. */
export function indexedDbCheckpointStore(factory: IDBFactory = indexedDB): CheckpointStore {
  let db: Promise<IDBDatabase> | null = null;
  const database = () => (db ??= openDb(factory).catch((error: unknown) => ((db = null), Promise.reject(error))));
  async function write(fn: (store: IDBObjectStore) => void): Promise<void> {
    const tx = (await database()).transaction(STORE, 'readwrite');
    fn(tx.objectStore(STORE));
    await committed(tx);
  }
  async function read<T>(fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return promised(fn((await database()).transaction(STORE, 'readonly').objectStore(STORE)));
  }
  return {
    put: (record) => write((store) => store.put(record)),
    get: (runId) => read((store) => store.get(runId) as IDBRequest<StoredCheckpoint | undefined>),
    // Reads the weights too; a handful of small-student runs is well under a few MB.
    list: async () => newestFirst((await read((store) => store.getAll() as IDBRequest<StoredCheckpoint[]>)).map(summarize)),
    async delete(runId) {
      const known = (await read((store) => store.count(runId))) > 0;
      if (known) await write((store) => store.delete(runId));
      return known;
    },
  };
}
