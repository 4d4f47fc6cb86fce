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

export const presetText: Record<PresetName | 'custom', string> = {
  cka: 'CKA: cluster-ownership soft targets + intra- and inter-model contrastive + sample-level alignment',
  'cka-concat': 'CKA with concatenated targets (CFL-style; CKA before target builders)',
  kd: 'KD: soft-target amalgamation only (baseline)',
  cfl: 'CFL: soft targets + common-feature MMD and reconstruction (baseline, Luo et al. 2019)',
  'cka-no-intra': 'CKA without the intra-model contrastive loss (ablation)',
  'cka-no-inter': 'CKA without the inter-model contrastive loss (ablation)',
  'cka-no-align': 'CKA without the alignment loss (ablation)',
  oracle: 'Oracle: the student trained on true labels (an upper bound, not amalgamation)',
  custom: 'Custom: a preset with edited method settings',
};

/** How the form groups the fields: the schema's form groups, in its order. */
export const runFields = fieldsIn('run');
export const detailFields = fieldsIn('details');
export const weightFields = fieldsIn('weights');
export const supervisionFields = fieldsIn('supervision');
