import * as tf from '@tensorflow/tfjs';
import type { Amalgamation } from '../method/amalgamation';
import type { NamedBytes } from './droppedFiles';
import type { TeacherMetadata } from './teacherMetadata';

/** What the export holds: the three files of a teacher folder and the metadata written. */
export interface StudentExport {
  files: NamedBytes[];
  metadata: TeacherMetadata;
}

export class StudentExportError extends Error {}

const encoder = new TextEncoder();
const bytesOf = (text: string): ArrayBuffer => encoder.encode(text).buffer as ArrayBuffer;

/**
 * The trained student as a tfjs LayersModel folder: image in [-1, 1] (the student's own
 * input scaling, so mean 0.5 and std 0.5 on [0, 1] pixels) to logits over the union labels.
 * The same layout as the shipped zoo, so it loads back as a teacher and in plain tfjs.
 * Only joint students have one head over the union; a multi-head student's combination
 * is not a plain layer, so it is refused rather than approximated.
 */
export async function exportStudent(a: Amalgamation, shape: { height: number; width: number; channels: number }, id: string, title: string): Promise<StudentExport> {
  if (a.config.taskMode !== 'joint') {
    throw new StudentExportError(`only a joint student (one head over the union labels) can be exported; this run is ${a.config.taskMode}`);
  }
  const { model: trained, featureSize } = a.student;
  // A view over the trained layers (no copy): the features output is dropped, the union head kept.
  const view = tf.model({ inputs: trained.inputs, outputs: trained.outputs[1], name: 'student' });
  let files: NamedBytes[] = [];
  const metadata: TeacherMetadata = {
    id,
    title,
    labels: [...a.union.names],
    input: { height: shape.height, width: shape.width, channels: shape.channels === 3 ? 3 : 1, mean: 0.5, std: 0.5 },
    featureLayer: 'features',
    featureSize,
  };
  await view.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (CKA Studio student export)`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      const meta = { ...metadata, student: { teachers: a.teachers.map((t) => t.metadata.id), preset: a.config.preset, steps: a.step } };
      files = [
        { name: 'model.json', bytes: bytesOf(JSON.stringify(modelJson)) },
        { name: 'weights.bin', bytes: weights.slice(0) },
        { name: 'metadata.json', bytes: bytesOf(JSON.stringify(meta, null, 2)) },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  return { files, metadata };
}
