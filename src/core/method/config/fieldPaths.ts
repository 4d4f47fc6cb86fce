import type { RunConfig } from '../config';
import type { EnumSpec, FieldSpec, FormGroup, NumberSpec } from './fieldKinds';
import { configSchema, type ConfigSchema, type FieldPath } from './schema';

/** Every field path, in the schema's order. */
export const fieldPaths = Object.keys(configSchema) as FieldPath[];

export const specOf = (path: FieldPath): FieldSpec => configSchema[path];

type PathsOfKind<S> = { [K in FieldPath]: ConfigSchema[K] extends S ? K : never }[FieldPath];
/** A numeric field: a top-level one, or a loss weight as 'weights.<name>'. */
export type NumberField = PathsOfKind<{ kind: 'number' }>;
/** A field that takes one of a few words. */
export type ChoiceField = PathsOfKind<{ kind: 'enum' }>;

/** The fields the method panel shows in one group, in order. */
export const fieldsIn = (group: FormGroup): FieldPath[] => fieldPaths.filter((p) => configSchema[p].group === group);

const weightName = (path: string): keyof RunConfig['weights'] | null =>
  path.startsWith('weights.') ? (path.slice('weights.'.length) as keyof RunConfig['weights']) : null;

/** A field's value in a config, loss weights included. */
export function valueAt(config: RunConfig, path: FieldPath): unknown {
  const w = weightName(path);
  return w ? config.weights[w] : config[path as Exclude<FieldPath, `weights.${string}`>];
}

/** The loss weights' names, in the schema's order. */
export const weightNames = fieldPaths.map(weightName).filter((w): w is keyof RunConfig['weights'] => w !== null);

/** The range of a numeric field. */
export const numberSpec = (path: NumberField): NumberSpec => configSchema[path];
/** The words a choice field accepts. */
export const enumSpec = (path: ChoiceField): EnumSpec => configSchema[path];
