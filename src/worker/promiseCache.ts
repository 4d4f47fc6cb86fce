/** Caches `load()`'s promise under `key`, forgetting it when it fails so the next call retries. */
export function cachedPromise<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  if (!cache.has(key)) cache.set(key, load().catch((error: unknown) => (cache.delete(key), Promise.reject(error))));
  return cache.get(key)!;
}
