import { useState } from 'react';
import { useStudio } from '../store/studioStore';
import type { TeacherDrop } from '../store/teachersSlice';
import { errorText } from '../../protocol/errors';
import { teacherDropper } from './teacherDropClient';
import { parseTypedLabels } from './typedLabels';

/** The form shown under a drop whose model has no label names. */
function LabelsForm({ drop, needed }: { drop: TeacherDrop; needed: number }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = `labels-${drop.key}`;
  return (
    <form
      className="labels-form"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseTypedLabels(text, needed);
        setProblem(parsed.ok ? null : parsed.problem);
        if (parsed.ok) void teacherDropper.retryWithLabels(drop.key, parsed.labels);
      }}
    >
      <label htmlFor={inputId}>
        {needed} labels for {drop.name}, in output order (comma-separated)
      </label>
      <input id={inputId} value={text} onChange={(event) => setText(event.target.value)} aria-invalid={problem !== null} />
      <button type="submit">Load with these labels</button>
      {problem && (
        <p role="alert" className="status-error">
          {problem}
        </p>
      )}
    </form>
  );
}

/** A model that loaded but has no label names: a question on its card, not a failure. */
function LabelsQuestion({ drop, needed }: { drop: TeacherDrop; needed: number }) {
  const headingId = `labels-question-${drop.key}`;
  return (
    <section className="teacher-card labels-question" aria-labelledby={headingId}>
      <h3 id={headingId}>{drop.name}</h3>
      <p data-field="drop-outcome">
        What are its {needed} classes? The model has {needed} outputs and no label names (no metadata.json with "labels"); type them to load it.
      </p>
      <LabelsForm drop={drop} needed={needed} />
    </section>
  );
}

function DropLine({ drop }: { drop: TeacherDrop }) {
  const files = drop.fileNames.join(', ');
  if (drop.state === 'loading') return <p className="muted">Loading {drop.name} ({files})…</p>;
  if (drop.state === 'loaded') {
    const ignored = drop.ignored && drop.ignored.length > 0 ? ` (not used: ${drop.ignored.join(', ')})` : '';
    return (
      <p data-field="drop-outcome">
        Loaded {drop.name} as {drop.id}
        {ignored}
      </p>
    );
  }
  if (drop.labelsNeeded !== null) return <LabelsQuestion drop={drop} needed={drop.labelsNeeded} />;
  return (
    <p role="alert" className="status-error" data-field="drop-outcome">
      Could not load {drop.name} ({files}): {drop.error ? errorText(drop.error) : 'unknown error'}
    </p>
  );
}

/** Every drop so far, newest last, each with its own outcome. */
export function TeacherDrops() {
  const drops = useStudio((s) => s.teacherDrops);
  if (drops.length === 0) return null;
  return (
    <ul className="teacher-drops" aria-label="Dropped model files">
      {drops.map((drop) => (
        <li key={drop.key} data-drop={drop.name}>
          <DropLine drop={drop} />
        </li>
      ))}
    </ul>
  );
}
