import type { RunConfig } from '../config';

/**
 * The kinds of field a RunConfig holds, and what every field says about itself. A field's
 * entry in the schema (schema.ts) is the one place its type, default, range, words, CLI flag,
 * form place and rules live; the validator, the method panel, the CLI and the run-record
 * table all read it from there.
 *
 * Rules (unusedWhen, warning) take the whole config; write them as
 * `(c: RunConfig): boolean => ...` with both types spelled out, because RunConfig itself
 * is derived from the schema and TypeScript cannot infer a type from its own definition.
 */

/** Where the method panel shows a field. */
export type FormGroup =
  /** The preset select at the top. */
  | 'preset'
  /** Chosen in other panels (Teachers, Data); the method panel only shows them. */
  | 'inputs'
  /** The few settings shown without unfolding: budget, seed, step size. */
  | 'run'
  /** Under "All hyper-parameters". */
  | 'details'
  /** The "Loss weights" fieldset. */
  | 'weights'
  /** The supervised (oracle) switch, last. */
  | 'supervision';

interface FieldCommon {
  label: string;
  /** One line a person reads under the input and in `--help`. */
  help: string;
  /** The command-line flag, without its dashes. */
  flag: string;
  group: FormGroup;
  /** True when the value cannot change what the run learns (no active loss term reads it). */
  unusedWhen?: (c: RunConfig) => boolean;
  /** A legal but unusual value, in words; null when there is nothing to say. */
  warning?: (c: RunConfig) => string | null;
}

export interface NumberSpec extends FieldCommon {
  kind: 'number';
  default: number;
  /** Inclusive bounds. */
  min: number;
  max: number;
  integer: boolean;
}

export interface EnumSpec<T extends string = string> extends FieldCommon {
  kind: 'enum';
  default: T;
  options: readonly T[];
  /** Values past the listed ones (dropped data sets): the pattern they match and how to name them. */
  pattern?: { test: RegExp; text: string };
}

export interface BoolSpec extends FieldCommon {
  kind: 'bool';
  default: boolean;
}

/** A non-empty list of distinct ids. */
export interface ListSpec extends FieldCommon {
  kind: 'list';
  default: readonly string[];
  /** What one item is, for messages ("must list at least one teacher id"). */
  item: string;
}

export type FieldSpec = NumberSpec | EnumSpec | BoolSpec | ListSpec;

type Described<S> = Omit<S, 'kind'>;

export const intField = (spec: Omit<Described<NumberSpec>, 'integer'>): NumberSpec => ({ kind: 'number', integer: true, ...spec });
export const realField = (spec: Omit<Described<NumberSpec>, 'integer'>): NumberSpec => ({ kind: 'number', integer: false, ...spec });
export const enumField = <T extends string>(spec: Described<EnumSpec<T>>): EnumSpec<T> => ({ kind: 'enum', ...spec });
export const boolField = (spec: Described<BoolSpec>): BoolSpec => ({ kind: 'bool', ...spec });
export const listField = (spec: Described<ListSpec>): ListSpec => ({ kind: 'list', ...spec });

/** The value a field of this spec holds. */
export type ValueOf<S> =
  S extends NumberSpec ? number : S extends EnumSpec<infer T> ? T : S extends BoolSpec ? boolean : S extends ListSpec ? string[] : never;

type WeightPath<K> = K extends `weights.${infer W}` ? W : never;

/** The nested config a flat table of paths ('tau', 'weights.kd') describes. */
export type ConfigOf<Table> = {
  -readonly [K in keyof Table as K extends `weights.${string}` ? never : K]: ValueOf<Table[K]>;
} & {
  weights: { -readonly [W in WeightPath<keyof Table>]: number };
};
