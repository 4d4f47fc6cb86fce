import { enumSpec, type ChoiceField } from '../../core/method/config/fieldPaths';

export type { ChoiceField };

/** The words validateConfig accepts for a field, read from the schema both of them follow. */
export const optionsOf = (field: ChoiceField): string[] => [...enumSpec(field).options];
