import { isDataSetId, type DataSetId } from '../../src/core/data/dataSets';
import type { Scaling } from '../../src/core/teachers/inputScaling';
import type { NodeBackend } from '../../src/node/wasmBackend';
import { parseArgs, UsageError, type FlagSpec } from './args';

export interface PredictArgs {
  /** A shipped teacher id or a path to a model folder. */
  teacher: string;
  images: string[];
  labels?: string[];
  scaling?: Scaling;
  /** Transfer images the input scaling check samples (pixels only) for a model without metadata. */
  data: DataSetId;
  backend: NodeBackend;
}

const spec: FlagSpec = { teacher: 'value', labels: 'value', scaling: 'value', data: 'value', backend: 'value', help: 'switch' };

export const usage = `usage: npm run predict -- --teacher <folder or shipped id> <image.png>...
  prints on stdout a JSON array, one object per image: {"file": "...", "probabilities": {"<label>": p, ...}}
  The folder is read as the studio's drop zone reads it: a tfjs LayersModel with or without
  metadata.json, a Teachable Machine export, or a GraphModel. Images are PNG, made 28 x 28 gray
  as dropped images are.
  --labels a,b,c       label names, for a model whose metadata gives none
  --scaling s          input scaling: unit ([0, 1]), symmetric ([-1, 1]), bytes ([0, 255]) or mean,std;
                       by default the metadata's, or for a model without it the one the check proposes
  --data mnist|fashion-mnist   transfer images the scaling check samples (default mnist)
  --backend wasm|cpu   tfjs backend (default wasm)`;

const NAMED: Record<string, Scaling> = { unit: { mean: 0, std: 1 }, symmetric: { mean: 0.5, std: 0.5 }, bytes: { mean: 0, std: 1 / 255 } };

function parseScaling(text: string): Scaling {
  if (NAMED[text]) return NAMED[text];
  const [mean, std] = text.split(',').map(Number);
  if (text.split(',').length !== 2 || !Number.isFinite(mean) || !(std > 0)) {
    throw new UsageError(`--scaling must be unit, symmetric, bytes or mean,std with std > 0 (got "${text}")`);
  }
  return { mean, std };
}

export function parsePredictArgs(argv: string[]): PredictArgs | 'help' {
  const { flags, positionals } = parseArgs(argv, spec);
  if (flags.has('help')) return 'help';
  const teacher = flags.get('teacher');
  if (!teacher) throw new UsageError('--teacher <folder or shipped id> is needed');
  if (positionals.length === 0) throw new UsageError('name at least one image file');
  const backend = flags.get('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu (got "${backend}")`);
  const data = flags.get('data') ?? 'mnist';
  if (!isDataSetId(data)) throw new UsageError(`--data must be mnist, fashion-mnist or emoji (got "${data}")`);
  const labels = flags.get('labels')?.split(',').map((l) => l.trim());
  const scaling = flags.has('scaling') ? parseScaling(flags.get('scaling')!) : undefined;
  return { teacher, images: positionals, labels, scaling, data, backend };
}
