import { studioStore, useStudio } from '../store/studioStore';
import { downloadBlob } from './download';
import { browserRunRecord, runRecordFileName } from './runRecord';

const percent = (v: number) => `${(v * 100).toFixed(2)} %`;

function TeacherTable() {
  const latest = useStudio((s) => s.evaluations.at(-1));
  if (!latest) return null;
  return (
    <div className="results-scroll">
    <table className="results-table">
      <caption>Student vs each teacher, on that teacher's own classes (step {latest.step})</caption>
      <thead>
        <tr>
          <th scope="col">Teacher</th>
          <th scope="col">Classes</th>
          <th scope="col">Test images</th>
          <th scope="col">Teacher</th>
          <th scope="col">Student</th>
          <th scope="col">Gap</th>
        </tr>
      </thead>
      <tbody>
        {latest.perTeacher.map((t) => (
          <tr key={t.id} data-teacher-result={t.id}>
            <th scope="row">{t.id}</th>
            <td>{t.classes.join(', ')}</td>
            <td className="tabular">{t.samples}</td>
            <td className="tabular" data-field="teacher-accuracy">{percent(t.teacher)}</td>
            <td className="tabular" data-field="student-accuracy">{percent(t.student)}</td>
            <td className="tabular">{((t.student - t.teacher) * 100).toFixed(2)} pt</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

/** Item 6 (results): the joint accuracy, the student against each teacher, and the run record. */
export function ResultsPanel({ backend }: { backend: string | null }) {
  const latest = useStudio((s) => s.evaluations.at(-1));
  const configured = useStudio((s) => s.activeConfig !== null);
  const state = useStudio((s) => s.progress.state);
  const save = () => {
    const record = browserRunRecord(studioStore.getState(), backend);
    if (record) downloadBlob(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }), runRecordFileName(record));
  };
  return (
    <section aria-labelledby="results-heading" className="panel">
      <h2 id="results-heading">Results</h2>
      {latest ? (
        <p className="joint">
          Joint accuracy <strong data-field="results-joint">{percent(latest.jointAccuracy)}</strong>{' '}
          <span className="muted">
            on every test image of the teachers' classes, step {latest.step}
            {state === 'complete' ? ' (final)' : ''}
          </span>
        </p>
      ) : (
        <p className="muted">The student is compared with each teacher once the run is first evaluated.</p>
      )}
      <TeacherTable />
      <button type="button" disabled={!configured} onClick={save}>
        Download run record (JSON)
      </button>
    </section>
  );
}
