import type { PresetName } from '../../core/method/config';
import { fieldsIn, specOf } from '../../core/method/config/fieldPaths';
import type { FieldPath } from '../../core/method/config/schema';

/** One form field: what a person reads, and why it matters (from the config schema). */
export interface FieldText {
  label: string;
  help: string;
}

export const fieldText = (field: FieldPath): FieldText => {
  const { label, help } = specOf(field);
  return { label, help };
};

type PresetChoice = PresetName | 'custom';

/** A preset's name for people; its id (the CLI's --preset, the run record's) is shown beside it in small type. */
export const presetTitle: Record<PresetChoice, string> = {
  cka: 'CKA, the full method',
  'cka-concat': 'CKA with concatenated targets',
  kd: 'KD: soft targets only',
  cfl: 'CFL: common feature learning',
  'cka-no-intra': 'CKA without intra-model contrast',
  'cka-no-inter': 'CKA without inter-model contrast',
  'cka-no-align': 'CKA without alignment',
  oracle: 'Oracle: trained on true labels',
  custom: 'Custom settings',
};

/** What the preset trains with, in plain words (the line under the picker, after the name). */
export const presetText: Record<PresetChoice, string> = {
  cka: 'soft targets from cluster ownership (which teacher owns each image) + intra- and inter-model contrastive + sample-level alignment',
  'cka-concat': "CKA with CFL's concatenated soft targets, as before target builders (each teacher's logits compete in one softmax)",
  kd: "the student copies the teachers' soft targets, nothing else (baseline)",
  cfl: 'soft targets + common-feature MMD and reconstruction (baseline, Luo et al. 2019)',
  'cka-no-intra': 'CKA with the intra-model contrastive loss switched off (an ablation: what does that term add?)',
  'cka-no-inter': 'CKA with the inter-model contrastive loss switched off (an ablation)',
  'cka-no-align': 'CKA with the sample-level alignment loss switched off (an ablation)',
  oracle: 'the student trained on true labels: an upper bound to compare against, not amalgamation',
  custom: 'a preset with edited method settings',
};

/** An option of the preset picker: the human name, then the id. */
export const presetOptionText = (option: string): string => (option in presetTitle ? `${presetTitle[option as PresetChoice]} · ${option}` : option);

/** How the form groups the fields: the schema's form groups, in its order. */
export const runFields = fieldsIn('run');
export const detailFields = fieldsIn('details');
export const weightFields = fieldsIn('weights');
export const supervisionFields = fieldsIn('supervision');
