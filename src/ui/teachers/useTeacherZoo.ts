import { useEffect, useState } from 'react';
import { fetchTeacherIndex, fetchTeacherMetadata } from '../../browser/teacherZoo';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';

/** One listed teacher: its metadata, or why it could not be read. */
export type ZooEntry = { id: string; metadata: TeacherMetadata } | { id: string; error: string };

export type TeacherZoo =
  | { phase: 'loading' }
  | { phase: 'ready'; entries: ZooEntry[] }
  | { phase: 'error'; message: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Reads every teacher the index lists; a bad metadata.json spoils its own card only. */
export async function readTeacherZoo(): Promise<ZooEntry[]> {
  const ids = await fetchTeacherIndex();
  return Promise.all(
    ids.map((id) =>
      fetchTeacherMetadata(id).then(
        (metadata): ZooEntry => ({ id, metadata }),
        (error: unknown): ZooEntry => ({ id, error: messageOf(error) }),
      ),
    ),
  );
}

/**
 * The shipped zoo, read by the page itself: index.json and metadata.json are plain JSON,
 * so listing needs neither tfjs nor the worker (which may still be starting).
 */
export function useTeacherZoo(): TeacherZoo {
  const [zoo, setZoo] = useState<TeacherZoo>({ phase: 'loading' });
  useEffect(() => {
    let current = true;
    readTeacherZoo().then(
      (entries) => current && setZoo({ phase: 'ready', entries }),
      (error: unknown) => current && setZoo({ phase: 'error', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  return zoo;
}
