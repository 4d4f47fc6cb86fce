import { workingShape, type WorkingShape } from '../../core/data/droppedImages';
import type { TeachersSlice } from '../store/teachersSlice';

/**
 * The shape a transfer folder dropped now is decoded at: from the inputs of the teachers
 * picked at that moment (colour if any takes colour, the smallest working size that holds the
 * largest). A folder keeps the shape it was decoded at; picking other teachers later does not
 * decode it again.
 */
export function dropShape(state: Pick<TeachersSlice, 'pickedTeacherIds' | 'teacherZoo' | 'droppedTeachers'>): WorkingShape {
  const zoo = state.teacherZoo.phase === 'ready' ? state.teacherZoo.entries : [];
  const inputs = state.pickedTeacherIds.flatMap((id) => {
    const shipped = zoo.find((e) => e.id === id);
    const metadata = shipped && 'metadata' in shipped ? shipped.metadata : state.droppedTeachers.find((t) => t.id === id)?.metadata;
    return metadata ? [metadata.input] : [];
  });
  return workingShape(inputs);
}

export const shapeText = (shape: WorkingShape): string => `${shape.height} × ${shape.width} ${shape.channels === 3 ? 'colour' : 'grayscale'}`;
