import { useStudio } from '../store/studioStore';

/** "Pick for the run": adds or removes a teacher id in the store's pickedTeacherIds. */
export function PickCheckbox({ id, title }: { id: string; title: string }) {
  const picked = useStudio((s) => s.pickedTeacherIds.includes(id));
  const setPicked = useStudio((s) => s.setTeacherPicked);
  return (
    <label className="pick">
      <input type="checkbox" checked={picked} aria-label={`Pick ${title} for the run`} onChange={(event) => setPicked(id, event.target.checked)} />
      Pick for the run
    </label>
  );
}
