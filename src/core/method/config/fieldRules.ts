import type { RunConfig } from '../config';
import { fieldPaths } from './fieldPaths';
import { configSchema, type FieldPath } from './schema';

/** A legal but unusual choice, with the field it is about and why it may surprise. */
export interface ConfigWarning {
  field: FieldPath;
  text: string;
}

/** Every warning the schema's fields raise about a config, in the schema's order. */
export function configWarnings(config: RunConfig): ConfigWarning[] {
  return fieldPaths.flatMap((field) => {
    const text = configSchema[field].warning?.(config) ?? null;
    return text === null ? [] : [{ field, text }];
  });
}

/** Fields no active loss term reads: a different value there is not a different method. */
export function unusedFields(config: RunConfig): Set<FieldPath> {
  return new Set(fieldPaths.filter((field) => configSchema[field].unusedWhen?.(config) ?? false));
}
