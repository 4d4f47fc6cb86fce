import type { DroppedFile, StagedDropRef, WorkerErrorInfo, WorkerRequest } from './messages';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const badRequest = (message: string): WorkerErrorInfo => ({ code: 'bad-request', message });
const isProblem = (value: unknown): value is WorkerErrorInfo => isRecord(value) && 'code' in value && 'message' in value;

/** Shown in messages and made into an id; a path or a file name, not megabytes of text. */
const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

function parseFiles(value: unknown): DroppedFile[] | WorkerErrorInfo {
  if (!Array.isArray(value) || value.length === 0) return badRequest('files must be a non-empty list of {name, bytes}');
  for (const f of value) {
    if (!isRecord(f) || typeof f.name !== 'string' || !(f.bytes instanceof ArrayBuffer)) {
      return badRequest(`every file must be {name: string, bytes: ArrayBuffer} (got ${JSON.stringify(isRecord(f) ? f.name : f)})`);
    }
  }
  return (value as Json[]).map((f) => ({ name: f.name as string, bytes: f.bytes as ArrayBuffer }));
}

function parseLabels(value: unknown): string[] | undefined | WorkerErrorInfo {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((l) => typeof l === 'string' && l.trim().length > 0)) {
    return badRequest('labels must be a non-empty list of non-empty names');
  }
  return value as string[];
}

const wholeIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** The sides a drop may be decoded to: the working resolutions (28 to 128 px, or auto's teacher sizes) with room. */
const [MIN_SIDE, MAX_SIDE] = [8, 256];

function parsePredict(r: Json): WorkerRequest | WorkerErrorInfo {
  if (!Array.isArray(r.teacherIds) || !r.teacherIds.every((id) => typeof id === 'string')) return badRequest('teacherIds must be a list of ids');
  if (r.top !== undefined && !wholeIn(r.top, 1, 100)) return badRequest('top must be a whole number in [1, 100]');
  const common = { kind: 'predict' as const, teacherIds: r.teacherIds as string[], top: r.top as number | undefined };
  if (r.image !== undefined) {
    if (!(r.image instanceof ArrayBuffer) || r.image.byteLength === 0) return badRequest('image must be the non-empty bytes (ArrayBuffer) of a PNG or JPEG file');
    if (r.resolution !== undefined && !wholeIn(r.resolution, MIN_SIDE, MAX_SIDE)) return badRequest(`resolution must be a whole number of pixels in [${MIN_SIDE}, ${MAX_SIDE}]`);
    if (r.auto !== undefined && typeof r.auto !== 'boolean') return badRequest('auto must be true or false');
    return { ...common, image: r.image, resolution: r.resolution as number | undefined, auto: r.auto };
  }
  if (!wholeIn(r.count, 1, 1000) || !wholeIn(r.height, 1, 1024) || !wholeIn(r.width, 1, 1024)) {
    return badRequest('count (1..1000), height and width (1..1024) must be whole numbers');
  }
  if (r.channels !== undefined && r.channels !== 1 && r.channels !== 3) return badRequest('channels must be 1 (gray) or 3 (RGB)');
  const channels = r.channels ?? 1;
  if (!(r.pixels instanceof Uint8Array) || r.pixels.length !== r.count * r.height * r.width * channels) {
    return badRequest(`pixels must be a Uint8Array of count x height x width x channels = ${Number(r.count) * Number(r.height) * Number(r.width) * channels} bytes`);
  }
  return { ...common, pixels: r.pixels, count: r.count, height: r.height, width: r.width, channels };
}

/** An input scaling {mean, std}: finite mean, positive std; undefined when absent. */
function parseScaling(value: unknown): { mean: number; std: number } | undefined | WorkerErrorInfo {
  if (value === undefined) return undefined;
  const s = value as { mean?: unknown; std?: unknown };
  const ok = typeof value === 'object' && value !== null && typeof s.mean === 'number' && Number.isFinite(s.mean) && typeof s.std === 'number' && s.std > 0 && Number.isFinite(s.std);
  return ok ? { mean: s.mean as number, std: s.std as number } : badRequest('scaling must be {mean: number, std: number > 0}');
}

/** Parts a dropped folder may be staged in: 250 files each, far beyond what the 1 GiB cap lets decode. */
const MAX_PARTS = 100_000;

/** The files of a loadImageFiles request: in it, or staged under a drop id ({dropId, parts, count}). */
function parseStagedOrFiles(r: Json): { files: DroppedFile[] } | { staged: StagedDropRef } | WorkerErrorInfo {
  if (r.staged === undefined) {
    const files = parseFiles(r.files);
    return isProblem(files) ? files : { files };
  }
  if (r.files !== undefined) return badRequest('give files or staged, not both');
  const s = r.staged;
  if (!isRecord(s) || !isName(s.dropId) || !wholeIn(s.parts, 1, MAX_PARTS) || !wholeIn(s.count, 1, Number.MAX_SAFE_INTEGER)) {
    return badRequest(`staged must be {dropId: string, parts: 1..${MAX_PARTS}, count: at least 1}`);
  }
  return { staged: { dropId: s.dropId, parts: s.parts, count: s.count } };
}

function parseLoadImageFiles(r: Json): WorkerRequest | WorkerErrorInfo {
  if (!isName(r.name)) return badRequest('name must be a non-empty string of at most 200 characters');
  if (r.role !== 'transfer' && r.role !== 'evaluation') return badRequest(`role must be 'transfer' or 'evaluation' (got ${JSON.stringify(r.role)})`);
  const source = parseStagedOrFiles(r);
  if (isProblem(source)) return source;
  if (r.role === 'evaluation' && !isName(r.transferId)) return badRequest('an evaluation set needs the transferId of the dropped transfer set it evaluates');
  if (r.resolution !== undefined && !wholeIn(r.resolution, MIN_SIDE, MAX_SIDE)) return badRequest(`resolution must be a whole number of pixels in [${MIN_SIDE}, ${MAX_SIDE}]`);
  if (r.auto !== undefined && typeof r.auto !== 'boolean') return badRequest('auto must be true or false');
  return { kind: 'loadImageFiles', name: r.name, role: r.role, ...source, transferId: r.transferId as string | undefined, resolution: r.resolution as number | undefined, auto: r.auto };
}

/** The dropped-files, export and predict requests; null for any other kind. */
export function parseFilesRequest(r: Json): WorkerRequest | WorkerErrorInfo | null {
  switch (r.kind) {
    case 'loadTeacherFiles': {
      if (!isName(r.name)) return badRequest('name must be a non-empty string of at most 200 characters');
      const files = parseFiles(r.files);
      if (isProblem(files)) return files;
      const labels = parseLabels(r.labels);
      if (isProblem(labels)) return labels;
      if (r.featureLayer !== undefined && !isName(r.featureLayer)) return badRequest('featureLayer must be a layer name');
      const scaling = parseScaling(r.scaling);
      if (isProblem(scaling)) return scaling;
      if (r.transfer !== undefined && !isName(r.transfer)) return badRequest('transfer must be a transfer data id');
      return { kind: 'loadTeacherFiles', name: r.name, files, labels, featureLayer: r.featureLayer as string | undefined, scaling, transfer: r.transfer as string | undefined };
    }
    case 'loadImageFiles':
      return parseLoadImageFiles(r);
    case 'stageImageFiles': {
      if (!isName(r.dropId)) return badRequest('dropId must be a non-empty string of at most 200 characters');
      if (!wholeIn(r.part, 0, MAX_PARTS - 1)) return badRequest(`part must be a whole number in [0, ${MAX_PARTS - 1}]`);
      const files = parseFiles(r.files);
      return isProblem(files) ? files : { kind: 'stageImageFiles', dropId: r.dropId, part: r.part, files };
    }
    case 'discardImageFiles':
      return isName(r.dropId) ? { kind: 'discardImageFiles', dropId: r.dropId } : badRequest('dropId must be a non-empty string of at most 200 characters');
    case 'previewImages':
      if (!isName(r.data)) return badRequest('data must name a data set');
      if (!wholeIn(r.count, 1, 200)) return badRequest('count must be a whole number in [1, 200]');
      return { kind: 'previewImages', data: r.data, count: r.count };
    case 'exportStudent':
      if (r.format !== undefined && r.format !== 'tfjs' && r.format !== 'teachable-machine') {
        return badRequest(`format must be 'tfjs' or 'teachable-machine' (got ${JSON.stringify(r.format)})`);
      }
      return r.format === undefined ? { kind: 'exportStudent' } : { kind: 'exportStudent', format: r.format };
    case 'predict':
      return parsePredict(r);
    default:
      return null;
  }
}
