import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import { errorText } from '../../protocol/errors';
import { useStudio } from '../store/studioStore';
import type { TeacherLoad, ZooEntry } from '../store/teachersSlice';
import { FactList, type Fact } from '../layout/FactList';
import {
  accuracyText,
  architectureText,
  inputText,
  labelsText,
  loadedText,
} from './teacherText';
import { DroppedTeacherCards } from './DroppedTeacherCards';
import { EvaluateTeacher } from './EvaluateTeacher';
import { PickCheckbox } from './PickCheckbox';
import { TeacherDropZone } from './TeacherDropZone';
import { TeacherDrops } from './TeacherDrops';
import { useTeacherZoo } from './useTeacherZoo';
import { loadTeacher } from '../workerClient';

/** The worker side of a card: a Load button, then what the worker said. */
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
      <button type="button" disabled={load?.phase === 'loading'} onClick={() => void loadTeacher(id)}>
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

function TeacherFacts({ metadata }: { metadata: TeacherMetadata }) {
  const rows: Fact[] = [
    ['labels', 'Labels', labelsText(metadata)],
    ['architecture', 'Architecture', architectureText(metadata)],
    ['input', 'Input', inputText(metadata.input)],
    ['test-accuracy', 'Test accuracy', accuracyText(metadata)],
  ];
  return <FactList rows={rows} />;
}

function TeacherCard({ entry, load }: { entry: ZooEntry; load: TeacherLoad | undefined }) {
  const headingId = `teacher-${entry.id}`;
  return (
    <li className="teacher-card" aria-labelledby={headingId} data-teacher={entry.id}>
      <h3 id={headingId}>{'metadata' in entry ? entry.metadata.title : entry.id}</h3>
      {'metadata' in entry ? (
        <>
          <TeacherFacts metadata={entry.metadata} />
          <PickCheckbox id={entry.id} title={entry.metadata.title} />
          <WorkerLine id={entry.id} load={load} />
          <EvaluateTeacher id={entry.id} />
        </>
      ) : (
        <p role="alert" className="status-error">
          Could not read its metadata: {entry.error}
        </p>
      )}
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

export function TeachersPanel() {
  const zoo = useTeacherZoo();
  const loads = useStudio((s) => s.teacherLoads);
  const entries = zoo.phase === 'ready' ? zoo.entries : [];
  return (
    <section aria-labelledby="teachers-heading">
      <h2 id="teachers-heading">Teachers</h2>
      {zoo.phase === 'loading' && <p className="muted">Reading the teacher zoo…</p>}
      {zoo.phase === 'error' && (
        <p role="alert" className="status-error">
          The teacher zoo could not be read: {zoo.message}
        </p>
      )}
      {zoo.phase === 'ready' && (
        <>
          <p className="muted">
            {entries.length} shipped {entries.length === 1 ? 'teacher' : 'teachers'}, each an expert on part of a data set.
          </p>
          <ul className="teacher-cards" aria-label="Shipped teachers">
            {entries.map((entry) => (
              <TeacherCard key={entry.id} entry={entry} load={loads[entry.id]} />
            ))}
          </ul>
        </>
      )}
      <StrayLoads loads={loads} listed={new Set(entries.map((e) => e.id))} />
      <h3 className="subheading">Your own teachers</h3>
      <TeacherDropZone />
      <TeacherDrops />
      <DroppedTeacherCards />
    </section>
  );
}
