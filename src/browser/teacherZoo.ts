import { parseTeacherMetadata, type TeacherMetadata } from '../core/teachers/teacherMetadata';
import { fetchJson, fetchStatic, httpStatus, readJson, StaticFileError, staticUrl, type StaticFetchOptions } from './staticFiles';

/**
 * The shipped teacher zoo as served: teachers/index.json ({teachers: [ids]}) and each
 * teachers/<id>/metadata.json. Plain JSON, so the page reads it too (no tfjs here).
 */
export const TEACHER_INDEX = 'teachers/index.json';

export function teacherPath(id: string, file: string): string {
  return `teachers/${encodeURIComponent(id)}/${file}`;
}

export async function fetchTeacherIndex(options: StaticFetchOptions = {}): Promise<string[]> {
  const url = staticUrl(TEACHER_INDEX, options);
  const response = await fetchStatic(TEACHER_INDEX, options);
  if (!response.ok) {
    const hint = response.status === 404 ? ': run `npm run teachers` to train the zoo, then rebuild' : '';
    throw new StaticFileError('fetch-failed', `${url} is not served (${httpStatus(response)})${hint}`);
  }
  const ids = ((await readJson(response, url)) as { teachers?: unknown } | null)?.teachers;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new StaticFileError('bad-json', `${url} must hold {"teachers": [ids]}`);
  }
  return ids as string[];
}

/** Throws StaticFileError('unknown-teacher') unless `id` is in the index. */
export function requireShipped(id: string, ids: readonly string[]): void {
  if (ids.includes(id)) return;
  const shipped = ids.length > 0 ? ids.join(', ') : 'none';
  throw new StaticFileError('unknown-teacher', `no shipped teacher has the id '${id}' (shipped: ${shipped})`);
}

/** A teacher's metadata.json, validated by the core parser (MetadataError when invalid). */
export async function fetchTeacherMetadata(id: string, options: StaticFetchOptions = {}): Promise<TeacherMetadata> {
  return parseTeacherMetadata(await fetchJson(teacherPath(id, 'metadata.json'), options));
}
