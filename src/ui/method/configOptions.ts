import { enumSpec, type ChoiceField } from '../../core/method/config/fieldPaths';
import { studentTrunkHelp } from '../../core/method/config/schema';
import { targetBuilderHelp } from '../../core/ownership/builders';

export type { ChoiceField };

/** The words validateConfig accepts for a field, read from the schema both of them follow. */
export const optionsOf = (field: ChoiceField): string[] => [...enumSpec(field).options];

/** Fields whose every option has its own one-line explanation, shown under the select for the chosen one. */
const optionLines: Partial<Record<ChoiceField, Record<string, string>>> = { targetBuilder: targetBuilderHelp, studentTrunk: studentTrunkHelp };

/** The chosen option's one line, or null where the field's options have none. */
export const optionHelp = (field: ChoiceField, option: string): string | null => optionLines[field]?.[option] ?? null;
