import { ConfigError, type RunConfig } from '../../src/core/method/config';
import type { NodeBackend } from '../../src/node/wasmBackend';
import { isModelFolder, shippedTeacherIds } from '../../src/node/teacherFiles';
import { parseArgs, UsageError, type FlagSpec } from './args';
import { configFlags, configFlagsHelp, configFromArgs, describeConfigError, readConfigJson } from './configFlags';

export interface AmalgamateArgs {
  config: RunConfig;
  backend: NodeBackend;
  outDir: string;
  tag?: string;
  /** Where the student is scored: the test split (reports) or a validation split carved from train (chooses settings). */
  evaluate: EvaluationSplit;
}

export type EvaluationSplit = 'test' | 'validation';

const spec: FlagSpec = {
  ...Object.fromEntries(Object.keys(configFlags).map((f) => [f, 'value'])),
  config: 'value',
  out: 'value',
  tag: 'value',
  backend: 'value',
  evaluate: 'value',
  help: 'switch',
};

export const usage = `usage: npm run amalgamate -- --preset <name> [flags]
  run settings (each sets the RunConfig field named; from src/core/method/config/schema.ts):
${configFlagsHelp()}
  --config file.json   config fields, or a run record (the CLI's or the studio's) to rerun it;
                       flags override it, and a --preset other than its own resets the preset's fields
  --out dir            where the run record goes (default runs/)
  --tag name           added to the record's file name
  --backend wasm|cpu   tfjs backend (default wasm)
  --evaluate test|validation
                       score on the test split (default; for reporting) or on labelled images
                       carved from train and never trained on (5,000, or a fifth of a small
                       train split such as emoji's; for choosing settings)`;

/** Each teacher is a shipped id or a path to a model folder (read as the studio's drop zone reads it). */
function checkTeachersExist(config: RunConfig): void {
  const shipped = shippedTeacherIds();
  const missing = config.teachers.filter((id) => !shipped.includes(id) && !isModelFolder(id));
  if (missing.length) throw new ConfigError('teachers', `names no teacher folder for ${missing.join(', ')} (available: ${shipped.join(', ')}, or a path to a model folder)`);
}

function optionalArgs(flags: Map<string, string>) {
  const backend = flags.get('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new UsageError(`--backend must be wasm or cpu (got "${backend}")`);
  const evaluate = flags.get('evaluate') ?? 'test';
  if (evaluate !== 'test' && evaluate !== 'validation') throw new UsageError(`--evaluate must be test or validation (got "${evaluate}")`);
  const tag = flags.get('tag');
  // The tag becomes part of a file name.
  if (tag !== undefined && !/^[A-Za-z0-9._-]+$/.test(tag)) throw new UsageError(`--tag may hold only letters, digits, '.', '_' and '-' (got "${tag}")`);
  return { backend: backend as NodeBackend, tag, evaluate: evaluate as EvaluationSplit, outDir: flags.get('out') ?? 'runs' };
}

/** Parses and validates everything before any model is loaded; errors name the flag. */
export function parseAmalgamateArgs(argv: string[]): AmalgamateArgs | 'help' {
  const { flags, positionals } = parseArgs(argv, spec);
  if (flags.has('help')) return 'help';
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (flags start with --)`);
  const rest = optionalArgs(flags);
  try {
    const config = configFromArgs(flags.has('config') ? readConfigJson(flags.get('config')!) : undefined, flags);
    checkTeachersExist(config);
    return { config, ...rest };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(describeConfigError(err, flags));
    throw err;
  }
}
