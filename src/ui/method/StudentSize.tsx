import type { RunConfig } from '../../core/method/config';
import { useStudio } from '../store/studioStore';
import { draftStudentShape, paramCountText, stepTimeText, trunkText } from './studentSize';

/** Beside the architecture choice: what the student this draft builds weighs, and how long its step was measured to take (or, with a teacher trunk, which teacher's layers it starts from). */
export function StudentSize({ draft }: { draft: RunConfig }) {
  // Selected as strings, so the store's other changes re-render nothing.
  const params = useStudio((s) => paramCountText(draftStudentShape(s, draft)));
  const stepTime = useStudio((s) => stepTimeText(draftStudentShape(s, draft)));
  const trunk = useStudio((s) => trunkText(s, draft));
  if (trunk) {
    return (
      <small className="field-help" data-field="student-trunk">
        {trunk}
      </small>
    );
  }
  return (
    <>
      <small className="field-help" data-field="student-params">
        {params}
      </small>
      <small className="field-help" data-field="student-step-time">
        {stepTime}
      </small>
    </>
  );
}
