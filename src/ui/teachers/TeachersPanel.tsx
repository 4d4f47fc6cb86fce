import { useEffect, useMemo, useRef, useState } from 'react';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { errorText } from '../../protocol/errors';
import { useStudio } from '../store/studioStore';
import type { TeacherLoad, ZooEntry } from '../store/teachersSlice';
import { FactList, type Fact } from '../layout/FactList';
import { glossaryTitle } from '../layout/glossary';
import { Step } from '../layout/Step';
import { accuracyText, architectureText, inputText, labelsText, loadedText } from './teacherText';
import { DroppedTeacherCards } from './DroppedTeacherCards';
import { PickCheckbox } from './PickCheckbox';
import { TeacherDropZone } from './TeacherDropZone';
import { TeacherDrops } from './TeacherDrops';
import { TeacherFilterBar } from './TeacherFilterBar';
import { matchesFilter, nextOrder, noFilter, type TeacherFilter } from './teacherList';
import { useTeacherZoo } from './useTeacherZoo';
import { loadTeacher } from '../workerClient';
import { EvaluateTeacher } from './EvaluateTeacher';

/** The worker side of a row: a small Load button, then what the worker said. */
function WorkerLine({ id, load }: { id: string; load: TeacherLoad | undefined }) {
  if (load?.phase === 'loaded') {
    const { parameters, ms, loaded } = load.result;
    return (
      <p className="teacher-worker" data-field="teacher-worker">
        {loadedText(parameters, ms, loaded)}
      </p>
    );
  }
  return (
    <div className="teacher-worker">
      <button type="button" className="small-button" disabled={load?.phase === 'loading'} title={glossaryTitle('loadInWorker')} onClick={() => void loadTeacher(id)}>
        {load?.phase === 'loading' ? 'Loading…' : 'Load in worker'}
      </button>
      {load?.phase === 'failed' && (
        <p role="alert" className="status-error">
          Could not load: {errorText(load.error)}
        </p>
      )}
    </div>
  );
}

/** Labels and accuracy on show (what a pick is made on); architecture and input folded under "more". */
function TeacherFacts({ metadata }: { metadata: TeacherMetadata }) {
  const shown: Fact[] = [
    ['labels', 'Labels', labelsText(metadata)],
    ['test-accuracy', 'Test accuracy', accuracyText(metadata)],
  ];
  const more: Fact[] = [
    ['architecture', 'Architecture', architectureText(metadata)],
    ['input', 'Input', inputText(metadata.input)],
  ];
  return (
    <>
      <FactList rows={shown} compact />
      <details className="teacher-more">
        <summary>more</summary>
        <FactList rows={more} />
      </details>
    </>
  );
}

function TeacherRow({ entry, load }: { entry: ZooEntry; load: TeacherLoad | undefined }) {
  const headingId = `teacher-${entry.id}`;
  const boxId = `pick-${entry.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!('metadata' in entry)) {
    return (
      <li className="teacher-row" aria-labelledby={headingId} data-teacher={entry.id}>
        <h3 id={headingId}>{entry.id}</h3>
        <p role="alert" className="status-error">
          Could not read its metadata: {entry.error}
        </p>
      </li>
    );
  }
  const { title } = entry.metadata;
  return (
    <li className="teacher-row" aria-labelledby={headingId} data-teacher={entry.id}>
      <PickCheckbox id={entry.id} title={title} inRow />
      <h3 id={headingId}>
        <label htmlFor={boxId}>{title}</label>
      </h3>
      <WorkerLine id={entry.id} load={load} />
      <EvaluateTeacher id={entry.id} />
      <div className="teacher-row-facts">
        <TeacherFacts metadata={entry.metadata} />
      </div>
    </li>
  );
}

/** Loads of ids with no card (a typo, a stale link) still get a visible answer. */
function StrayLoads({ loads, listed }: { loads: Readonly<Record<string, TeacherLoad>>; listed: ReadonlySet<string> }) {
  const failed = Object.entries(loads).flatMap(([id, load]) =>
    !listed.has(id) && load.phase === 'failed' ? [{ id, error: load.error }] : [],
  );
  return failed.map(({ id, error }) => (
    <p key={id} role="alert" className="status-error" data-stray-teacher={id}>
      Teacher '{id}' could not be loaded: {errorText(error)}
    </p>
  ));
}

/**
 * The rows in picked-first order. A tick in the list keeps the order (the row stays under the
 * pointer and keeps focus); a pick made elsewhere (a shared link, a resumed run) reorders.
 */
function usePickedFirst(entries: ZooEntry[], picked: readonly string[]) {
  const ids = useMemo(() => entries.map((e) => e.id), [entries]);
  const pickedSet = useMemo(() => new Set(picked), [picked]);
  const [order, setOrder] = useState<string[]>(() => nextOrder([], ids, pickedSet, false));
  const tickedInList = useRef(false);
  useEffect(() => {
    // Read the flag now: the updater runs later, after it is reset.
    const keep = tickedInList.current;
    tickedInList.current = false;
    setOrder((previous) => nextOrder(previous, ids, pickedSet, keep && previous.length > 0));
  }, [ids, pickedSet]);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const ordered = nextOrder(order, ids, pickedSet, true).flatMap((id) => byId.get(id) ?? []);
  return { ordered, pickedSet, markTick: () => void (tickedInList.current = true) };
}

function ShippedList({ entries }: { entries: ZooEntry[] }) {
  const loads = useStudio((s) => s.teacherLoads);
  const picked = useStudio((s) => s.pickedTeacherIds);
  const [filter, setFilter] = useState<TeacherFilter>(noFilter);
  const { ordered, pickedSet, markTick } = usePickedFirst(entries, picked);
  const shown = ordered.filter((e) => matchesFilter(e, filter, pickedSet));
  return (
    <>
      <TeacherFilterBar entries={entries} filter={filter} onChange={setFilter} shown={shown.length} />
      <ul className="teacher-list" aria-label="Shipped teachers" onChangeCapture={markTick}>
        {shown.map((entry) => (
          <TeacherRow key={entry.id} entry={entry} load={loads[entry.id]} />
        ))}
      </ul>
      {shown.length === 0 && <p className="muted">No teacher matches; clear the search to see all {entries.length}.</p>}
    </>
  );
}

/** What the run will use, for the folded step's heading. */
function PickedSummary() {
  const count = useStudio((s) => s.pickedTeacherIds.length);
  return <>{count === 0 ? 'none picked' : `${count} picked`}</>;
}

/** Step 1: the shipped teachers as a compact list (picked first, searchable), and your own. */
export function TeachersPanel() {
  const zoo = useTeacherZoo();
  const loads = useStudio((s) => s.teacherLoads);
  const entries = zoo.phase === 'ready' ? zoo.entries : [];
  return (
    <Step id="teachers" number={1} title="Teachers" summary={<PickedSummary />} info="teachers">
      {zoo.phase === 'loading' && <p className="muted">Reading the teacher zoo…</p>}
      {zoo.phase === 'error' && (
        <p role="alert" className="status-error">
          The teacher zoo could not be read: {zoo.message}
        </p>
      )}
      {zoo.phase === 'ready' && <ShippedList entries={entries} />}
      <StrayLoads loads={loads} listed={new Set(entries.map((e) => e.id))} />
      <h3 className="subheading">Your own teachers</h3>
      <TeacherDropZone />
      <TeacherDrops />
      <DroppedTeacherCards />
    </Step>
  );
}
