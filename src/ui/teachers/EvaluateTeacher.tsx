import { useState } from 'react';
import { errorText } from '../../protocol/errors';
import { studioStore, useStudio } from '../store/studioStore';
import { trainingWorker } from '../workerClient';
import { evaluateTeacherInto } from './evaluateTeacher';
import { evaluationText } from './teacherText';

const BUILT_IN = 'built-in';

/**
 * Evaluate on a card: the teacher's accuracy measured in the worker, on the built-in test set
 * of its classes or on a dropped labelled folder, with progress; the figure stays on the card.
 */
export function EvaluateTeacher({ id }: { id: string }) {
  const evaluation = useStudio((s) => s.teacherEvaluations[id]);
  // Select the store's own array (a new array per call would re-render forever), then filter.
  const sets = useStudio((s) => s.droppedImageSets);
  const labelled = sets.filter((d) => d.evaluation !== null).map((d) => d.id);
  const [on, setOn] = useState(BUILT_IN);
  const running = evaluation?.phase === 'running';
  const selectId = `evaluate-on-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className="teacher-evaluate">
      {labelled.length > 0 && (
        <>
          <label htmlFor={selectId}>Evaluate on</label>{' '}
          <select id={selectId} value={on} onChange={(event) => setOn(event.target.value)}>
            <option value={BUILT_IN}>the built-in test set of its classes</option>
            {labelled.map((set) => (
              <option key={set} value={set}>
                the labelled folder of {set}
              </option>
            ))}
          </select>{' '}
        </>
      )}
      <button type="button" disabled={running} onClick={() => void evaluateTeacherInto(studioStore, trainingWorker, id, on === BUILT_IN ? undefined : on)}>
        {running ? 'Evaluating…' : 'Evaluate'}
      </button>
      {running && (
        <p className="muted" data-field="evaluate-progress">
          <progress max={evaluation.total || 1} value={evaluation.done} /> {evaluation.done.toLocaleString('en-US')} of {evaluation.total.toLocaleString('en-US')} images
        </p>
      )}
      {evaluation?.phase === 'done' && <p data-field="evaluated-accuracy">{evaluationText(evaluation.result)}</p>}
      {evaluation?.phase === 'failed' && (
        <p role="alert" className="status-error">
          Could not evaluate: {errorText(evaluation.error)}
        </p>
      )}
    </div>
  );
}
