import { workingResolution, type TeacherInputSize } from '../../core/data/workingResolution';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { StudioState } from '../store/studioStore';

/** The metadata of the picked teachers the page knows (shipped ones from the zoo, dropped ones from their cards). */
export function pickedTeacherMetadata(state: StudioState): TeacherMetadata[] {
  const zoo = state.teacherZoo.phase === 'ready' ? state.teacherZoo.entries : [];
  return state.pickedTeacherIds.flatMap((id) => {
    const shipped = zoo.find((e) => e.id === id);
    const metadata = shipped && 'metadata' in shipped ? shipped.metadata : state.droppedTeachers.find((t) => t.id === id)?.metadata;
    return metadata ? [metadata] : [];
  });
}

/** The input sizes of the picked teachers the page knows. */
export const pickedTeacherInputs = (state: StudioState): TeacherInputSize[] => pickedTeacherMetadata(state).map((m) => m.input);

/**
 * The side a dropped folder (or Try it's dropped image) is decoded to: the method panel's
 * working resolution, 'auto' read from the teachers picked now. Dropped images have no size
 * of their own to cap it (photos come in every size).
 */
export const dropResolution = (state: StudioState): number => workingResolution(state.draft.resolution, pickedTeacherInputs(state));

/** What a drop request says of its size: the side, and whether 'auto' chose it (then the worker never decodes above the images' own size). */
export const dropSizeRequest = (state: StudioState): { resolution: number; auto: boolean } => ({ resolution: dropResolution(state), auto: state.draft.resolution === 'auto' });
