import * as tf from '@tensorflow/tfjs';
import { predictUnion } from '../../core/method/amalgamation';
import { toModelInput } from '../../core/teachers/preprocess';
import { exportStudent, StudentExportError } from '../../core/teachers/studentExport';
import { exportStudentForTm, TM_IMAGE_SIZE } from '../../core/teachers/tmExport';
import type { TrainingSession } from '../../core/method/trainingSession';
import type { TrainingStateName } from '../../protocol/messages';
import type { ExportStudentRequest, ExportStudentResult, PredictRequest, PredictResult } from '../../protocol/messages';
import { WorkerFailure } from '../failure';
import type { CompactPixels, DropSize } from '../../core/data/droppedImages';
import { workingResolution } from '../../core/data/workingResolution';
import { transferSize } from '../data/droppedData';
import { errorMessage } from '../../core/errorMessage';
import { topClasses } from './predictions';
import type { TeacherRegistry } from '../teachers/teacherRegistry';

export interface StudentHandlers {
  exportStudent(request: ExportStudentRequest): Promise<ExportStudentResult>;
  predict(request: PredictRequest): Promise<PredictResult>;
}

/** The session of the run, if it is in one of `states`; throws the controller's training-state error otherwise. */
export type SessionIn = (states: TrainingStateName[], what: string) => TrainingSession;

/** The decoder dropped transfer images go through: one file at a size, gray or RGB as it has colour. */
export type DecodeImage = (bytes: ArrayBuffer, size: DropSize) => Promise<CompactPixels>;

/** The images a predict request names: its pixels, or its one image file decoded at `size` as a dropped transfer image is. */
async function inputOf(request: PredictRequest, decode: DecodeImage, size: () => Promise<DropSize>): Promise<PredictResult['input']> {
  if (!('image' in request)) return { pixels: request.pixels, count: request.count, height: request.height, width: request.width, channels: request.channels ?? 1 };
  try {
    const at = await size();
    return { ...(await decode(request.image, at)), count: 1, height: at.height, width: at.width };
  } catch (error) {
    throw new WorkerFailure('bad-request', `the image could not be decoded as PNG or JPEG (${errorMessage(error)})`);
  }
}

/** The student's export and the "try it" predictions, on the controller's session and the teacher registry. */
export function createStudentHandlers(sessionIn: SessionIn, registry: TeacherRegistry, decode: DecodeImage): StudentHandlers {
  function studentOrNull(): TrainingSession | null {
    try {
      return sessionIn(['running', 'paused', 'complete', 'stopped'], 'predict');
    } catch {
      return null; // no student yet: the teachers still answer
    }
  }

  /** A file to try is decoded as the run's images are; before a run, at the picked teachers' working resolution. */
  async function dropSize(session: TrainingSession | null, teacherIds: string[], request: PredictRequest): Promise<DropSize> {
    if (session) return { height: session.inputs.train.height, width: session.inputs.train.width };
    if (!('image' in request)) return { height: request.height, width: request.width };
    const file = [{ name: 'image', bytes: request.image }];
    if (request.resolution !== undefined) return transferSize({ resolution: request.resolution, auto: request.auto }, file);
    const inputs = await Promise.all(teacherIds.map(async (id) => (await registry.get(id)).teacher.metadata.input));
    return transferSize({ resolution: workingResolution('auto', inputs), auto: true }, file);
  }

  return {
    async exportStudent({ format = 'tfjs' }) {
      // Paused, finished or stopped only: a running loop would change the weights while they are read.
      const session = sessionIn(['paused', 'complete', 'stopped'], 'export the student (pause the run or let it finish)');
      const { train, config } = session.inputs;
      const id = `student-${config.preset}-${config.teachers.join('+')}-step${session.amalgamation.step}`;
      try {
        const { files, metadata } = await exportStudent(session.amalgamation, train, id, `Student of ${config.teachers.join(', ')}`);
        if (format === 'tfjs') return { files, metadata };
        // The same student behind Teachable Machine's input; the metadata says how this studio reads it back.
        const tmFiles = await exportStudentForTm(session.amalgamation, train, id);
        return { files: tmFiles, metadata: { ...metadata, input: { height: TM_IMAGE_SIZE, width: TM_IMAGE_SIZE, channels: 3, mean: 0.5, std: 0.5 } } };
      } catch (error) {
        if (error instanceof StudentExportError) throw new WorkerFailure('no-student', error.message);
        throw error;
      }
    },

    async predict(request) {
      const { teacherIds, top = 3 } = request;
      const session = studentOrNull();
      const input = await inputOf(request, decode, () => dropSize(session, teacherIds, request));
      const { pixels, count, height, width, channels } = input;
      const images = tf.tidy(() => tf.tensor4d(Float32Array.from(pixels, (p) => p / 255), [count, height, width, channels]));
      try {
        let student: PredictResult['student'] = null;
        if (session) {
          const { train } = session.inputs;
          const probs = tf.tidy(() => {
            // The student takes the transfer set's shape; [0, 1] scaling stays (mean 0, std 1).
            const x = toModelInput(images, { height: train.height, width: train.width, channels: train.channels === 3 ? 3 : 1, mean: 0, std: 1 });
            return predictUnion(session.amalgamation, x);
          });
          student = topClasses((await probs.data()) as Float32Array, session.amalgamation.union.names, top);
          probs.dispose();
        }
        const teachers: PredictResult['teachers'] = [];
        for (const id of teacherIds) {
          const { teacher } = await registry.get(id);
          const probs = teacher.probabilities(images);
          teachers.push({ id, predictions: topClasses((await probs.data()) as Float32Array, teacher.metadata.labels, top) });
          probs.dispose();
        }
        return { input, student, teachers };
      } finally {
        images.dispose();
      }
    },
  };
}
