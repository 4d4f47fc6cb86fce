import { readFileSync } from 'node:fs';
import { ConfigError, type RunConfig } from '../../src/core/method/config';
import type { FieldSpec } from '../../src/core/method/config/fieldKinds';
import { fieldPaths } from '../../src/core/method/config/fieldPaths';
import { configSchema, type FieldPath } from '../../src/core/method/config/schema';
import { configFieldsOf, resolveConfig, type ConfigOverrides } from '../../src/core/method/resolveConfig';
import { UsageError } from './args';

/** Each command-line flag (the schema's `flag`) and the RunConfig field it sets. */
export const configFlags: Record<string, { field: FieldPath; spec: FieldSpec }> = Object.fromEntries(
  fieldPaths.map((field) => [configSchema[field].flag, { field, spec: configSchema[field] }]),
);

type Fields = Record<string, unknown> & { weights?: Record<string, unknown> };

function parseValue(raw: string, field: string, spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'list': return raw.split(',').map((s) => s.trim()).filter(Boolean);
    case 'enum': return raw;
    case 'bool':
      if (raw !== 'true' && raw !== 'false') throw new ConfigError(field, `must be true or false (got "${raw}")`);
      return raw === 'true';
    case 'number':
      // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) throw new ConfigError(field, `must be a number (got "${raw}")`);
      return Number(raw);
  }
}

/** The config fields the flags set, with loss weights nested as in RunConfig. */
export function flagFields(flags: Map<string, string>): Fields {
  const out: Fields = {};
  for (const [flag, raw] of flags) {
    const known = configFlags[flag];
    if (!known) continue;
    const value = parseValue(raw, known.field, known.spec);
    const [head, tail] = known.field.split('.');
    if (tail) out.weights = { ...out.weights, [tail]: value };
    else out[head] = value;
  }
  return out;
}

/** What a flag takes, for --help: a range, the words it accepts, or a list. */
function valueText(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'number': return `${spec.integer ? 'integer' : 'number'} ${spec.min}..${spec.max}`;
    case 'enum': return [...spec.options, ...(spec.pattern ? [spec.pattern.text] : [])].join('|');
    case 'bool': return 'true|false';
    case 'list': return `${spec.item} ids, comma-separated`;
  }
}

/** One line per config flag: the flag, what it takes, its default and what it means. */
export function configFlagsHelp(): string {
  return Object.entries(configFlags)
    .map(([flag, { field, spec }]) => `    --${flag.padEnd(15)} ${field} (${valueText(spec)}; default ${String(spec.default)})\n${' '.repeat(22)}${spec.help}`)
    .join('\n');
}

/** A --config file's JSON: config fields, or a run record of either kind (to rerun it). */
export function readConfigJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--config ${file}: ${(err as Error).message}`);
  }
}

/** The core's resolver over the --config file and the flags; a run must name its preset somewhere. */
export function configFromArgs(fileJson: unknown, flags: Map<string, string>): RunConfig {
  const { preset, ...overrides } = flagFields(flags);
  const fromFile = configFieldsOf(fileJson);
  const named = preset ?? (typeof fromFile === 'object' && fromFile !== null ? (fromFile as Fields).preset : undefined);
  if (named === undefined) throw new ConfigError('preset', `is required: give --preset (${configSchema.preset.options.join(', ')})`);
  return resolveConfig({ preset: preset as RunConfig['preset'] | undefined, config: fileJson, overrides: overrides as ConfigOverrides });
}

/** Names the flag behind a bad field, so the message says what to change on the command line. */
export function describeConfigError(err: ConfigError, flags: Map<string, string>): string {
  const flag = Object.entries(configFlags).find(([f, known]) => known.field === err.field && flags.has(f))?.[0];
  if (flag) return `--${flag} ${flags.get(flag)}: ${err.message}`;
  if (flags.has('config')) return `${err.message} (from --config ${flags.get('config')} or the preset)`;
  return err.message;
}
