import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { matchDroppedFiles, type NamedBytes } from '../core/teachers/droppedFiles';
import type { DroppedChoices } from '../core/teachers/droppedMetadata';
import { droppedModelName } from '../core/teachers/droppedName';
import { loadDroppedTeacher, type DroppedTeacherBuild } from '../core/teachers/loadDropped';
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

/** Whether `idOrPath` names a model folder on disk rather than a shipped teacher id. */
export function isModelFolder(idOrPath: string): boolean {
  if (shippedTeacherIds().includes(idOrPath)) return false;
  return existsSync(idOrPath) && statSync(idOrPath).isDirectory() && readdirSync(idOrPath).some((f) => f.toLowerCase().endsWith('.json'));
}

/** The files of a folder, as a drop of that folder would give them (no sub-folders). */
function folderFiles(dir: string): NamedBytes[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const bytes = readFileSync(path.join(dir, d.name));
      return { name: `${path.basename(dir)}/${d.name}`, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    });
}

/**
 * Any model folder (a LayersModel with our metadata, a Teachable Machine export, one without
 * metadata, a GraphModel) read by the drop zone's own importer: same matching, naming,
 * output reading and, given transfer images as `sample`, the same input scaling check.
 */
export async function loadTeacherFolder(dir: string, choices: Partial<DroppedChoices> = {}, sample?: tf.Tensor4D): Promise<DroppedTeacherBuild> {
  const name = path.basename(path.resolve(dir));
  const matched = matchDroppedFiles(name, folderFiles(dir));
  const title = droppedModelName(matched, name);
  return loadDroppedTeacher(matched, { id: dir, title, ...choices }, sample);
}

/** A teacher for a run: a shipped id from public/teachers, or a path to any model folder. */
export async function resolveTeacher(idOrPath: string, sample?: tf.Tensor4D): Promise<Teacher> {
  if (!isModelFolder(idOrPath)) return loadTeacherFromDir(path.join(teachersRoot, idOrPath));
  return (await loadTeacherFolder(idOrPath, {}, sample)).teacher;
}
