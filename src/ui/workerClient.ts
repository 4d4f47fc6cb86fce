import { TrainingWorkerClient } from '../protocol/client';
import { TeacherLoads } from './teachers/teacherLoads';

/** The page's one training worker; it starts on the first call. */
export const trainingWorker = new TrainingWorkerClient();

/** What the page knows of the teachers loaded into that worker. */
export const teacherLoads = new TeacherLoads((id) => trainingWorker.call({ kind: 'loadTeacher', id }));
