import { useId } from 'react';
import type { ZooEntry } from '../store/teachersSlice';
import { InfoButton } from '../layout/InfoButton';
import { dataSetOf, noFilter, type TeacherFilter } from './teacherList';

/** Search words, a data-set choice and "picked only", over the shipped teachers. */
export function TeacherFilterBar({ entries, filter, onChange, shown }: { entries: ZooEntry[]; filter: TeacherFilter; onChange(f: TeacherFilter): void; shown: number }) {
  const id = useId();
  const dataSets = [...new Set(entries.flatMap((e) => dataSetOf(e) ?? []))].sort();
  const filtered = shown < entries.length;
  return (
    <div className="teacher-filter" role="search" aria-label="Find a teacher">
      <input
        type="search"
        aria-label="Search teachers"
        placeholder="Name or label"
        value={filter.query}
        onChange={(e) => onChange({ ...filter, query: e.target.value })}
      />
      <select aria-label="Data set" value={filter.dataSet} onChange={(e) => onChange({ ...filter, dataSet: e.target.value })}>
        <option value="all">all data sets</option>
        {dataSets.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-picked`} className="inline-control">
        <input id={`${id}-picked`} type="checkbox" checked={filter.pickedOnly} onChange={(e) => onChange({ ...filter, pickedOnly: e.target.checked })} /> picked only
      </label>
      <p className="muted teacher-count">
        {filtered ? `${shown} of ${entries.length} teachers` : `${entries.length} teachers, each an expert on part of a data set; picked ones first.`}{' '}
        {filtered && (
          <button type="button" className="link-button" onClick={() => onChange(noFilter)}>
            show all
          </button>
        )}
        <InfoButton entry="loadInWorker" />
      </p>
    </div>
  );
}
