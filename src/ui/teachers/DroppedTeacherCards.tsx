import { useState } from 'react';
import { FactList, type Fact } from '../layout/FactList';
import { useStudio } from '../store/studioStore';
import type { DroppedTeacher } from '../store/teachersSlice';
import { formatCount, inputText, labelsText } from './teacherText';
import { PickCheckbox } from './PickCheckbox';
import { teacherDropper } from './teacherDropClient';

/** Another layer (or GraphModel node) as the teacher's feature f_k(x): the teacher is reloaded with it. */
function FeatureChoice({ teacher }: { teacher: DroppedTeacher }) {
  const [choice, setChoice] = useState(teacher.metadata.featureLayer);
  const selectId = `feature-${teacher.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <form
      className="feature-choice"
      onSubmit={(event) => {
        event.preventDefault();
        void teacherDropper.chooseFeature(teacher.id, choice);
      }}
    >
      <label htmlFor={selectId}>Feature layer</label>
      <select id={selectId} value={choice} onChange={(event) => setChoice(event.target.value)}>
        {teacher.layers.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" disabled={choice === teacher.metadata.featureLayer}>
        Use this feature layer
      </button>
    </form>
  );
}

function DroppedCard({ teacher }: { teacher: DroppedTeacher }) {
  const headingId = `teacher-${teacher.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const rows: Fact[] = [
    ['id', 'Id', teacher.id],
    ['labels', 'Labels', labelsText(teacher.metadata)],
    ['input', 'Input', inputText(teacher.metadata.input)],
    ['feature-layer', 'Feature layer', `${teacher.metadata.featureLayer} (${formatCount(teacher.metadata.featureSize)} values)`],
    ['parameters', 'Parameters', formatCount(teacher.parameters)],
  ];
  return (
    <li className="teacher-card" aria-labelledby={headingId} data-teacher={teacher.id}>
      <h3 id={headingId}>{teacher.metadata.title}</h3>
      <FactList rows={rows} />
      <FeatureChoice teacher={teacher} />
      <PickCheckbox id={teacher.id} title={teacher.metadata.title} />
    </li>
  );
}

/** Models loaded from dropped files, as cards like the shipped ones. */
export function DroppedTeacherCards() {
  const dropped = useStudio((s) => s.droppedTeachers);
  if (dropped.length === 0) return null;
  return (
    <ul className="teacher-cards" aria-label="Dropped teachers">
      {dropped.map((teacher) => (
        <DroppedCard key={teacher.id} teacher={teacher} />
      ))}
    </ul>
  );
}
