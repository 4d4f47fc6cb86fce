import * as tf from '@tensorflow/tfjs';
import type { Amalgamation } from '../method/amalgamation';
import type { NamedBytes } from './droppedFiles';
import { StudentExportError } from './studentExport';

/**
 * What Teachable Machine's image library (@teachablemachine/image 0.8) does with an export,
 * as its source documents it: `load(model.json, metadata.json)` is tf.loadLayersModel plus the
 * labels; `predict(image)` draws the image centre-cropped on a 224 x 224 canvas, reads it as
 * RGB, scales it x / 127 - 1 and takes the model's output as the class probabilities (no
 * softmax of its own). So the export must take 224 x 224 x 3 in that scaling and end in softmax.
 */
export const TM_IMAGE_SIZE = 224;
const TM_SCALE = 127;

const encoder = new TextEncoder();
const bytesOf = (text: string): ArrayBuffer => encoder.encode(text).buffer as ArrayBuffer;

/** The middle 4 x 4 of each 8 x 8 block of TM's canvas is averaged into one student pixel. */
const INNER = 4;

/**
 * Each 8 x 8 block of TM's canvas to one student pixel, as the mean of its middle 4 x 4.
 * A 28 x 28 image TM draws smoothly on its canvas comes back with 7/8 of each pixel's own
 * value (the whole block's mean keeps 3/4, blurring it a second time), and a large image is
 * still averaged over the block's middle rather than sampled at one point.
 */
function blockMeanKernel(factor: number, channels: 1 | 3, gain: number): tf.Tensor4D {
  const from = (factor - INNER) / 2;
  const weights = new Float32Array(factor * factor * 3 * channels);
  for (let y = from; y < from + INNER; y++) {
    for (let x = from; x < from + INNER; x++) {
      for (let c = 0; c < 3; c++) {
        for (let o = 0; o < channels; o++) {
          // Gray student: the mean of the three channels; RGB student: each channel to itself.
          weights[((y * factor + x) * 3 + c) * channels + o] = channels === 1 ? gain / (3 * INNER * INNER) : c === o ? gain / (INNER * INNER) : 0;
        }
      }
    }
  }
  return tf.tensor4d(weights, [factor, factor, 3, channels]);
}

/**
 * The student wrapped for Teachable Machine, in layers tfjs 1.3 (TM's own tfjs) can build:
 * one fixed convolution (8 x 8, stride 8) takes TM's 224 x 224 RGB in [-1, 1.008] to the
 * student's 28 x 28 gray in [-1, 1] (rescaled from /127 to /127.5), then the student, then softmax.
 */
export function tmStudentModel(a: Amalgamation, shape: { height: number; width: number; channels: number }): tf.Sequential {
  if (a.config.taskMode !== 'joint') {
    throw new StudentExportError(`only a joint student (one head over the union labels) can be exported; this run is ${a.config.taskMode}`);
  }
  const factor = TM_IMAGE_SIZE / shape.height;
  if (!Number.isInteger(factor) || factor % 2 !== 0 || factor < INNER || shape.width * factor !== TM_IMAGE_SIZE) {
    throw new StudentExportError(`a ${shape.height} x ${shape.width} student cannot be sampled from Teachable Machine's ${TM_IMAGE_SIZE} x ${TM_IMAGE_SIZE} input`);
  }
  const { model: trained } = a.student;
  const student = tf.model({ inputs: trained.inputs, outputs: trained.outputs[1], name: 'student' });
  // Student input s = x01 * 2 - 1 with x01 = x / 255; TM gives t = x / 127 - 1, so s = (t + 1) * 254 / 255 - 1.
  const gain = (2 * TM_SCALE) / 255;
  const channels = shape.channels === 3 ? 3 : 1;
  const kernel = blockMeanKernel(factor, channels, gain);
  const bias = tf.fill([channels], gain - 1);
  const model = tf.sequential({ name: 'tm_student' });
  model.add(tf.layers.conv2d({ inputShape: [TM_IMAGE_SIZE, TM_IMAGE_SIZE, 3], filters: channels, kernelSize: factor, strides: factor, name: 'tm_to_student_input', weights: [kernel, bias], trainable: false }));
  model.add(student);
  model.add(tf.layers.activation({ activation: 'softmax', name: 'probabilities' }));
  tf.dispose([kernel, bias]);
  return model;
}

/** The student as a Teachable Machine image export: model.json, weights.bin, metadata.json. */
export async function exportStudentForTm(a: Amalgamation, shape: { height: number; width: number; channels: number }, name: string): Promise<NamedBytes[]> {
  const model = tmStudentModel(a, shape);
  let files: NamedBytes[] = [];
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs} (CKA Studio student, Teachable Machine layout)`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      const metadata = {
        tfjsVersion: tf.version.tfjs,
        tmVersion: '2.4.7',
        packageVersion: '0.8.4',
        packageName: '@teachablemachine/image',
        timeStamp: new Date().toISOString(),
        userMetadata: { exportedBy: 'CKA Studio', teachers: a.teachers.map((t) => t.metadata.id), steps: a.step },
        modelName: name,
        labels: [...a.union.names],
        imageSize: TM_IMAGE_SIZE,
      };
      files = [
        { name: 'model.json', bytes: bytesOf(JSON.stringify(modelJson)) },
        { name: 'weights.bin', bytes: weights.slice(0) },
        { name: 'metadata.json', bytes: bytesOf(JSON.stringify(metadata, null, 2)) },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
  return files;
}
