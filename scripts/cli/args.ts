/** A mistake on the command line that is not a config field (those raise ConfigError). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flags a command accepts: 'value' takes the next word (or `=value`), 'switch' takes none. */
export type FlagSpec = Record<string, 'value' | 'switch'>;

export interface ParsedArgs {
  /** Flag name (without dashes) to its raw value; switches map to 'true'. */
  flags: Map<string, string>;
  positionals: string[];
}

function splitFlag(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq < 0 ? [word.slice(2), undefined] : [word.slice(2, eq), word.slice(eq + 1)];
}

/**
 * A strict parser: unknown or repeated flags are refused rather than ignored, because a typo in
 * a run's settings would otherwise produce a record that silently says something else.
 * A value may start with '-' (`--lr -1` reaches validation and is refused there, by name).
 */
export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('--') || word === '--') {
      if (word !== '--') positionals.push(word);
      continue;
    }
    const [name, inline] = splitFlag(word);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown flag --${name}`);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
    if (kind === 'switch') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, positionals };
}
