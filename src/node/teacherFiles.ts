import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTeacher, type Teacher } from '../core/teachers/loadTeacher';
import { baseName, type ModelFiles } from '../core/teachers/modelArtifacts';
import { parseTeacherMetadata, type TeacherMetadata } from '../core/teachers/teacherMetadata';

export const teachersRoot = path.resolve('public/teachers');

/** A model folder on disk, shards matched by base name as the browser loader does. */
export function modelFilesFromDir(dir: string): ModelFiles {
  return {
    name: `${path.basename(dir)}/model.json`,
    modelJson: readFileSync(path.join(dir, 'model.json'), 'utf8'),
    async readWeights(weightPath) {
      const file = path.join(dir, baseName(weightPath));
      if (!existsSync(file)) return undefined;
      const bytes = readFileSync(file);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
}

export function readMetadata(dir: string): TeacherMetadata {
  return parseTeacherMetadata(JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')));
}

export async function loadTeacherFromDir(dir: string): Promise<Teacher> {
  return loadTeacher(modelFilesFromDir(dir), readMetadata(dir));
}

export function shippedTeacherIds(): string[] {
  return readdirSync(teachersRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(teachersRoot, d.name, 'metadata.json')))
    .map((d) => d.name)
    .sort();
}

/** Saves a LayersModel as model.json + weights.bin, the layout the studio loads. */
export async function saveModelToDir(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      writeFileSync(path.join(dir, 'weights.bin'), new Uint8Array(weights));
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    }),
  );
}
