import { ConfigError, defaultConfig } from '../../core/method/config';
import { validateConfig } from '../../core/method/validateConfig';

/** A config field that takes one of a few words. */
export type ChoiceField = 'preset' | 'taskMode' | 'combiner' | 'alignVariant' | 'optimizer';

const OPTIONS = /must be one of (.+) \(got /;

/** The words validateConfig accepts for a field, read from its own refusal (as limitsOf reads ranges). */
export function optionsOf(field: ChoiceField): string[] {
  try {
    validateConfig({ ...defaultConfig, [field]: '?' });
  } catch (error) {
    const match = error instanceof ConfigError && error.field === field ? OPTIONS.exec(error.message) : null;
    if (match) return match[1].split(', ');
    throw new Error(`validateConfig refused ${field} without listing its options: ${String(error)}`);
  }
  throw new Error(`validateConfig accepted '?' for ${field}: it has no options to show`);
}
