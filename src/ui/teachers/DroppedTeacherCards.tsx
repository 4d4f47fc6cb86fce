import { useState } from 'react';
import { FactList, type Fact } from '../layout/FactList';
import { useStudio } from '../store/studioStore';
import type { DroppedTeacher } from '../store/teachersSlice';
import { candidateText, formatCount, inputText, labelsText, scalingSourceText } from './teacherText';
import { EvaluateTeacher } from './EvaluateTeacher';
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

/** The input scaling the check tried, each candidate with its scores: another can be chosen. */
function ScalingChoice({ teacher }: { teacher: DroppedTeacher }) {
  const check = teacher.scaling!;
  const { mean, std } = teacher.metadata.input;
  const current = check.candidates.find((c) => Math.abs(c.mean - mean) < 1e-9 && Math.abs(c.std - std) < 1e-9)?.id ?? check.proposed;
  const [choice, setChoice] = useState(current);
  const selectId = `scaling-${teacher.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <form
      className="feature-choice"
      onSubmit={(event) => {
        event.preventDefault();
        const picked = check.candidates.find((c) => c.id === choice)!;
        void teacherDropper.chooseScaling(teacher.id, { mean: picked.mean, std: picked.std });
      }}
    >
      <label htmlFor={selectId}>Input scaling</label>
      <select id={selectId} value={choice} style={{ maxWidth: '100%' }} onChange={(event) => setChoice(event.target.value as typeof choice)}>
        {check.candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {candidateText(c)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={choice === current}>
        Use this scaling
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
    ['scaling', 'Input scaling', scalingSourceText(teacher.metadata.input, teacher.scaling)],
    ['outputs', 'Outputs', teacher.outputs === 'probabilities' ? 'probabilities (softmax): their logarithms are the soft targets' : 'logits'],
    ['feature-layer', 'Feature layer', `${teacher.metadata.featureLayer} (${formatCount(teacher.metadata.featureSize)} values)`],
    ['parameters', 'Parameters', formatCount(teacher.parameters)],
  ];
  return (
    <li className="teacher-card" aria-labelledby={headingId} data-teacher={teacher.id}>
      <h3 id={headingId}>{teacher.metadata.title}</h3>
      <FactList rows={rows} />
      <FeatureChoice teacher={teacher} />
      {teacher.scaling && <ScalingChoice teacher={teacher} />}
      <PickCheckbox id={teacher.id} title={teacher.metadata.title} />
      <EvaluateTeacher id={teacher.id} />
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
