import type { ScalingCheck } from '../../core/teachers/inputScaling';
import type { OutputKind } from '../../core/teachers/loadTeacher';
import type { TeacherMetadata } from '../../core/teachers/teacherMetadata';
import type { EvaluateTeacherResult, LoadTeacherResult, WorkerErrorInfo } from '../../protocol/messages';
import type { StudioSlice } from './slice';

/** A model loaded from dropped files, as the worker registered it. */
export interface DroppedTeacher {
  id: string;
  metadata: TeacherMetadata;
  parameters: number;
  /** Layer names, for choosing another feature layer. */
  layers: string[];
  /** What the model outputs: probabilities (a softmax, maybe nested) or logits. */
  outputs: OutputKind;
  /** The input scaling check, for a model whose metadata does not give its scaling. */
  scaling: ScalingCheck | null;
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

/** Where one teacher stands in the worker, as the page last heard. */
export type TeacherLoad =
  | { phase: 'loading' }
  | { phase: 'loaded'; result: LoadTeacherResult }
  | { phase: 'failed'; error: WorkerErrorInfo };

/** A teacher's Evaluate on its card: under way (images done of total), its figure, or why it failed. */
export type TeacherEvaluation =
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; result: EvaluateTeacherResult }
  | { phase: 'failed'; error: WorkerErrorInfo };

/** One listed teacher: its metadata, or why it could not be read. */
export type ZooEntry = { id: string; metadata: TeacherMetadata } | { id: string; error: string };

/** The shipped zoo as the page read it (index.json, then each metadata.json). */
export type TeacherZoo =
  | { phase: 'loading' }
  | { phase: 'ready'; entries: ZooEntry[] }
  | { phase: 'error'; message: string };

/**
 * Teachers the studio knows, all in this one slice: the shipped zoo, what the worker said of
 * each loadTeacher, dropped models, and which are picked for the run.
 */
export interface TeachersSlice {
  teacherZoo: TeacherZoo;
  /** loadTeacher outcomes by id, including ids with no card (a typo, a stale link). */
  teacherLoads: Readonly<Record<string, TeacherLoad>>;
  /** Teacher ids (shipped or 'dropped:...') the run will use, in the order picked. */
  pickedTeacherIds: string[];
  droppedTeachers: DroppedTeacher[];
  teacherDrops: TeacherDrop[];
  /** Each card's last Evaluate, kept so the figure stays on the card. */
  teacherEvaluations: Readonly<Record<string, TeacherEvaluation>>;
  setTeacherZoo(zoo: TeacherZoo): void;
  setTeacherEvaluation(id: string, evaluation: TeacherEvaluation): void;
  setTeacherLoad(id: string, load: TeacherLoad): void;
  setTeacherPicked(id: string, picked: boolean): void;
  addDroppedTeacher(teacher: DroppedTeacher): void;
  /** Puts `teacher` in the place of `oldId` (card and pick), e.g. after choosing another feature layer. */
  replaceDroppedTeacher(oldId: string, teacher: DroppedTeacher): void;
  putTeacherDrop(drop: TeacherDrop): void;
}

/** The default run's teachers, so a fresh studio can train at once. */
export const DEFAULT_PICKED = ['mnist-0-4', 'mnist-5-9'];

export const createTeachersSlice: StudioSlice<TeachersSlice> = (set) => ({
  teacherZoo: { phase: 'loading' },
  teacherLoads: {},
  pickedTeacherIds: DEFAULT_PICKED,
  droppedTeachers: [],
  teacherDrops: [],
  teacherEvaluations: {},
  setTeacherZoo: (teacherZoo) => set({ teacherZoo }),
  setTeacherEvaluation: (id, evaluation) => set((s) => ({ teacherEvaluations: { ...s.teacherEvaluations, [id]: evaluation } })),
  setTeacherLoad: (id, load) => set((s) => ({ teacherLoads: { ...s.teacherLoads, [id]: load } })),
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
