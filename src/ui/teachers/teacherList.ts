import type { ZooEntry } from '../store/teachersSlice';

/** What the teacher list is narrowed to: words to find, one data set, or the picked ones only. */
export interface TeacherFilter {
  query: string;
  dataSet: string;
  pickedOnly: boolean;
}

export const noFilter: TeacherFilter = { query: '', dataSet: 'all', pickedOnly: false };

/** The data set a teacher was trained on, or null when its metadata does not say. */
export const dataSetOf = (entry: ZooEntry): string | null => ('metadata' in entry ? (entry.metadata.provenance?.dataSet ?? null) : null);

/** Everything a search matches against: id, title, labels, data set. */
function searchText(entry: ZooEntry): string {
  if (!('metadata' in entry)) return entry.id.toLowerCase();
  const m = entry.metadata;
  return [entry.id, m.title, m.labels.join(' '), m.provenance?.dataSet ?? ''].join(' ').toLowerCase();
}

/** True when the entry passes the filter; every word of the query must appear. */
export function matchesFilter(entry: ZooEntry, filter: TeacherFilter, picked: ReadonlySet<string>): boolean {
  if (filter.pickedOnly && !picked.has(entry.id)) return false;
  if (filter.dataSet !== 'all' && dataSetOf(entry) !== filter.dataSet) return false;
  const text = searchText(entry);
  return filter.query.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}

/** The ids with the picked ones first, each group in its original order. */
export const pickedFirst = (ids: readonly string[], picked: ReadonlySet<string>): string[] => [
  ...ids.filter((id) => picked.has(id)),
  ...ids.filter((id) => !picked.has(id)),
];

/**
 * The list's next order. Picked teachers come first, but a tick in the list itself keeps the
 * order it had (`keep`): a row that jumped to the top under the pointer would lose the user's
 * place and the keyboard focus. Ids new to the list are placed as pickedFirst would.
 */
export function nextOrder(previous: readonly string[], ids: readonly string[], picked: ReadonlySet<string>, keep: boolean): string[] {
  if (!keep) return pickedFirst(ids, picked);
  const known = new Set(ids);
  const kept = previous.filter((id) => known.has(id));
  const seen = new Set(kept);
  return [...kept, ...pickedFirst(ids.filter((id) => !seen.has(id)), picked)];
}
