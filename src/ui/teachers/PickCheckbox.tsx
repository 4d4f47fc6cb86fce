import { useStudio } from '../store/studioStore';

/**
 * "Pick for the run": adds or removes a teacher id in the store's pickedTeacherIds. In a list
 * row (`inRow`) it is the bare box, labelled by the row's title beside it.
 */
export function PickCheckbox({ id, title, inRow = false }: { id: string; title: string; inRow?: boolean }) {
  const picked = useStudio((s) => s.pickedTeacherIds.includes(id));
  const setPicked = useStudio((s) => s.setTeacherPicked);
  const box = (
    <input
      type="checkbox"
      id={inRow ? `pick-${id.replace(/[^A-Za-z0-9_-]/g, '_')}` : undefined}
      checked={picked}
      aria-label={`Pick ${title} for the run`}
      onChange={(event) => setPicked(id, event.target.checked)}
    />
  );
  if (inRow) return box;
  return (
    <label className="pick">
      {box}
      Pick for the run
    </label>
  );
}
