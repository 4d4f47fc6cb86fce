import type * as tf from '@tensorflow/tfjs';
import { TeacherLoadError } from './teacherLoadError';
import { errorMessage } from '../errorMessage';

/**
 * The files of a tfjs LayersModel, wherever they come from (disk, fetch, a drop). We match
 * shards ourselves instead of using tf.io.browserFiles, which hangs unless model.json comes
 * first, loads random weights for a lone model.json and fails on any extra file.
 */
export interface ModelFiles {
  /** A name for messages, e.g. the folder or the dropped file. */
  name: string;
  modelJson: string;
  /** Bytes of a weight file named in the manifest (matched by base name), or undefined if absent. */
  readWeights(path: string): Promise<ArrayBuffer | undefined>;
}

type WeightSpec = tf.io.WeightsManifestEntry;
type ManifestGroup = tf.io.WeightsManifestConfig[number];

const bytesPerElement: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

function specBytes(spec: WeightSpec): number {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const bytes = bytesPerElement[dtype];
  if (bytes === undefined) throw new TeacherLoadError('not-layers-model', `weight ${spec.name} has unsupported dtype ${dtype}`);
  return size * bytes;
}

export function parseModelJson(name: string, text: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TeacherLoadError('bad-json', `${name} is not valid JSON (${errorMessage(e)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TeacherLoadError('bad-json', `${name} must hold a JSON object`);
  }
  return json as Record<string, unknown>;
}

function checkLayersModel(name: string, json: Record<string, unknown>): ManifestGroup[] {
  if (json.format === 'graph-model') {
    throw new TeacherLoadError('not-layers-model', `${name} is a tfjs GraphModel; a LayersModel (format "layers-model") is needed here`);
  }
  return checkManifest(name, json);
}

/** A model.json of either kind: a topology, and weight files to read (never random weights). */
function checkManifest(name: string, json: Record<string, unknown>): ManifestGroup[] {
  if (typeof json.modelTopology !== 'object' || json.modelTopology === null) {
    throw new TeacherLoadError('not-layers-model', `${name} has no modelTopology: it is not a tfjs model.json`);
  }
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new TeacherLoadError('no-weights', `${name} lists no weight files (weightsManifest), so its weights would be random`);
  }
  return manifest as ManifestGroup[];
}

async function readGroup(files: ModelFiles, group: ManifestGroup): Promise<ArrayBuffer[]> {
  const buffers: ArrayBuffer[] = [];
  for (const path of group.paths) {
    const data = await files.readWeights(path);
    if (data === undefined) {
      throw new TeacherLoadError('missing-shard', `weight file "${baseName(path)}" named in ${files.name} is missing`);
    }
    buffers.push(data);
  }
  const expected = group.weights.reduce((sum, spec) => sum + specBytes(spec), 0);
  const actual = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  if (expected !== actual) {
    throw new TeacherLoadError(
      'shard-size',
      `weight files ${group.paths.map(baseName).join(', ')} hold ${actual} bytes; ${files.name} expects ${expected}`,
    );
  }
  return buffers;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function concatBuffers(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** Reads and checks every weight shard, then returns artifacts for tf.io.fromMemory. */
export async function readModelArtifacts(files: ModelFiles): Promise<tf.io.ModelArtifacts> {
  const json = parseModelJson(files.name, files.modelJson);
  return readWeightsOf(files, json, checkLayersModel(files.name, json));
}

/** The same checks for a tfjs GraphModel (format "graph-model"), whose topology is a GraphDef. */
export async function readGraphArtifacts(files: ModelFiles): Promise<tf.io.ModelArtifacts> {
  const json = parseModelJson(files.name, files.modelJson);
  if (json.format !== 'graph-model') throw new TeacherLoadError('not-layers-model', `${files.name} is not a tfjs GraphModel (format "graph-model")`);
  return readWeightsOf(files, json, checkManifest(files.name, json));
}

async function readWeightsOf(files: ModelFiles, json: Record<string, unknown>, manifest: ManifestGroup[]): Promise<tf.io.ModelArtifacts> {
  const buffers: ArrayBuffer[] = [];
  for (const group of manifest) buffers.push(...(await readGroup(files, group)));
  return {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: json.format as string | undefined,
    weightSpecs: manifest.flatMap((g) => g.weights),
    weightData: concatBuffers(buffers),
  };
}
