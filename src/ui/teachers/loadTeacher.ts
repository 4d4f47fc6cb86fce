import { errorInfo } from '../../protocol/errors';
import type { LoadTeacherResult } from '../../protocol/messages';
import type { TeacherLoad } from '../store/teachersSlice';
import type { StudioStore } from '../store/studioStore';

export type LoadTeacherCall = (id: string) => Promise<LoadTeacherResult>;

/**
 * Loads `id` into the worker through `call`, writing each phase into the teachers slice so
 * the cards (and a stray id's alert) show it; resolves (never rejects) with how it ended.
 */
export async function loadTeacherInto(store: StudioStore, call: LoadTeacherCall, id: string): Promise<TeacherLoad> {
  store.getState().setTeacherLoad(id, { phase: 'loading' });
  let outcome: TeacherLoad;
  try {
    outcome = { phase: 'loaded', result: await call(id) };
  } catch (error) {
    outcome = { phase: 'failed', error: errorInfo(error) };
  }
  store.getState().setTeacherLoad(id, outcome);
  return outcome;
}
