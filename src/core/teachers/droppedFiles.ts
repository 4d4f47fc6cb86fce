import { baseName, parseModelJson, type ModelFiles } from './modelArtifacts';
import { TeacherLoadError } from './teacherLoadError';

/** One file as the user dropped or picked it; `name` may carry a folder path. */
export interface NamedBytes {
  name: string;
  bytes: ArrayBuffer;
}

/** Dropped files sorted into a model, its weights and its optional metadata. */
export interface DroppedModelFiles {
  files: ModelFiles;
  /** Parsed metadata.json (ours or Teachable Machine's), if one came. */
  metadata: Record<string, unknown> | null;
  /** Dropped files that model.json does not name and that are not metadata. */
  ignored: string[];
}

const decoder = new TextDecoder();
const isJsonName = (name: string): boolean => name.toLowerCase().endsWith('.json');

function tryParse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Manifest paths as base names, read loosely: the core loader checks the manifest properly. */
function manifestNames(json: Record<string, unknown>): string[] {
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest)) return [];
  return manifest.flatMap((group: unknown) => {
    const paths = (group as { paths?: unknown }).paths;
    return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string').map(baseName) : [];
  });
}

/** The model.json among the files: named so, or any JSON holding a modelTopology. */
function pickModelJson(dropName: string, files: NamedBytes[]): { file: NamedBytes; json: Record<string, unknown> } {
  const jsons = files.filter((f) => isJsonName(f.name)).map((file) => ({ file, text: decoder.decode(file.bytes) }));
  const named = jsons.filter(({ file }) => baseName(file.name).toLowerCase() === 'model.json');
  // A file called model.json that is not JSON gets the parser's exact complaint.
  for (const { file, text } of named) parseModelJson(baseName(file.name), text);
  const models = jsons.flatMap(({ file, text }) => {
    const json = tryParse(text);
    return json && 'modelTopology' in json ? [{ file, json }] : [];
  });
  if (models.length === 1) return models[0];
  const list = files.map((f) => baseName(f.name)).join(', ') || 'nothing';
  if (models.length > 1) {
    throw new TeacherLoadError('no-model-file', `${dropName}: ${models.map((m) => baseName(m.file.name)).join(' and ')} are both models; drop one model at a time`);
  }
  if (named.length > 0) throw new TeacherLoadError('not-layers-model', `${baseName(named[0].file.name)} has no modelTopology: it is not a tfjs model.json`);
  throw new TeacherLoadError('no-model-file', `${dropName}: none of the dropped files (${list}) is a tfjs model.json`);
}

function pickMetadata(files: NamedBytes[], model: NamedBytes): { file: NamedBytes; json: Record<string, unknown> } | null {
  for (const file of files) {
    if (file === model || !isJsonName(file.name)) continue;
    const json = tryParse(decoder.decode(file.bytes));
    if (json && ('labels' in json || baseName(file.name).toLowerCase() === 'metadata.json')) return { file, json };
  }
  return null;
}

/**
 * Sorts dropped files (any order) into the core loader's ModelFiles. Weight files are
 * matched to the manifest by base name, like the fetch and disk loaders; a lone model.json
 * and a renamed shard get their own messages here, before tfjs could load random weights.
 */
export function matchDroppedFiles(dropName: string, files: NamedBytes[]): DroppedModelFiles {
  const model = pickModelJson(dropName, files);
  const metadata = pickMetadata(files, model.file);
  const modelName = baseName(model.file.name);
  const needed = manifestNames(model.json);
  const rest = files.filter((f) => f !== model.file && f !== metadata?.file);
  const byName = new Map(rest.map((f) => [baseName(f.name), f.bytes]));
  const missing = needed.filter((n) => !byName.has(n));
  const unnamed = rest.map((f) => baseName(f.name)).filter((n) => !needed.includes(n));
  if (missing.length > 0 && rest.length === 0) {
    throw new TeacherLoadError(
      'missing-shard',
      `${modelName} came alone: its weight ${missing.length === 1 ? 'file' : 'files'} ${missing.map((n) => `"${n}"`).join(', ')} must be dropped with it, or its weights would be random`,
    );
  }
  const strays = unnamed.filter((n) => !isJsonName(n));
  if (missing.length > 0 && strays.length > 0) {
    throw new TeacherLoadError(
      'renamed-shard',
      `weight file "${missing[0]}" named in ${modelName} is missing; ${strays.map((n) => `"${n}"`).join(', ')} came instead but ${modelName} does not name ${strays.length === 1 ? 'it' : 'them'} (renamed?)`,
    );
  }
  return {
    files: { name: modelName, modelJson: decoder.decode(model.file.bytes), readWeights: async (path) => byName.get(baseName(path)) },
    metadata: metadata?.json ?? null,
    ignored: unnamed,
  };
}
