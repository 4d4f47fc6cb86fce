import { useEffect } from 'react';
import { fetchTeacherIndex, fetchTeacherMetadata } from '../../browser/teacherZoo';
import { errorMessage } from '../../protocol/errors';
import type { TeacherZoo, ZooEntry } from '../store/teachersSlice';
import { studioStore, useStudio } from '../store/studioStore';

/** Reads every teacher the index lists; a bad metadata.json spoils its own card only. */
export async function readTeacherZoo(): Promise<ZooEntry[]> {
  const ids = await fetchTeacherIndex();
  return Promise.all(
    ids.map((id) =>
      fetchTeacherMetadata(id).then(
        (metadata): ZooEntry => ({ id, metadata }),
        (error: unknown): ZooEntry => ({ id, error: errorMessage(error) }),
      ),
    ),
  );
}

/**
 * The shipped zoo, read by the page itself (index.json and metadata.json are plain JSON, so
 * listing needs neither tfjs nor the worker, which may still be starting) into the teachers
 * slice once; a later mount shows what was read.
 */
export function useTeacherZoo(): TeacherZoo {
  useEffect(() => {
    if (studioStore.getState().teacherZoo.phase === 'ready') return;
    let current = true;
    const { setTeacherZoo } = studioStore.getState();
    readTeacherZoo().then(
      (entries) => current && setTeacherZoo({ phase: 'ready', entries }),
      (error: unknown) => current && setTeacherZoo({ phase: 'error', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  return useStudio((s) => s.teacherZoo);
}
