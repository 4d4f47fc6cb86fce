import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { WorkerErrorInfo } from '../../protocol/messages';
import type { StudioSlice } from './slice';

/** A model loaded from dropped files, as the worker registered it. */
export interface DroppedTeacher {
  id: string;
  metadata: TeacherMetadata;
  parameters: number;
  /** Layer names, for choosing another feature layer. */
  layers: string[];
}

/** One drop on the teachers' drop zone and how it ended; nothing earlier is replaced by a failure. */
export interface TeacherDrop {
  key: number;
  name: string;
  fileNames: string[];
  state: 'loading' | 'loaded' | 'failed';
  /** The registered id once loaded. */
  id?: string;
  error?: WorkerErrorInfo;
  /** Files the model did not use. */
  ignored?: string[];
  /** How many labels must be typed (a model with no label names), else null. */
  labelsNeeded: number | null;
}

/** Teachers the studio knows: shipped cards, dropped models, which are picked for the run. */
export interface TeachersSlice {
  /** Teacher ids (shipped or 'dropped:...') the run will use, in the order picked. */
  pickedTeacherIds: string[];
  droppedTeachers: DroppedTeacher[];
  teacherDrops: TeacherDrop[];
  setTeacherPicked(id: string, picked: boolean): void;
  addDroppedTeacher(teacher: DroppedTeacher): void;
  /** Puts `teacher` in the place of `oldId` (card and pick), e.g. after choosing another feature layer. */
  replaceDroppedTeacher(oldId: string, teacher: DroppedTeacher): void;
  putTeacherDrop(drop: TeacherDrop): void;
}

/** The default run's teachers, so a fresh studio can train at once. */
export const DEFAULT_PICKED = ['mnist-0-4', 'mnist-5-9'];

export const createTeachersSlice: StudioSlice<TeachersSlice> = (set) => ({
  pickedTeacherIds: DEFAULT_PICKED,
  droppedTeachers: [],
  teacherDrops: [],
  setTeacherPicked: (id, picked) =>
    set((s) => {
      const without = s.pickedTeacherIds.filter((t) => t !== id);
      return { pickedTeacherIds: picked ? [...without, id] : without };
    }),
  addDroppedTeacher: (teacher) => set((s) => ({ droppedTeachers: [...s.droppedTeachers.filter((t) => t.id !== teacher.id), teacher] })),
  replaceDroppedTeacher: (oldId, teacher) =>
    set((s) => ({
      droppedTeachers: s.droppedTeachers.map((t) => (t.id === oldId ? teacher : t)),
      pickedTeacherIds: s.pickedTeacherIds.map((id) => (id === oldId ? teacher.id : id)),
    })),
  putTeacherDrop: (drop) =>
    set((s) => {
      const known = s.teacherDrops.some((d) => d.key === drop.key);
      return { teacherDrops: known ? s.teacherDrops.map((d) => (d.key === drop.key ? drop : d)) : [...s.teacherDrops, drop] };
    }),
});
