import type { LossWeights, PresetName } from '../../core/method/config';
import type { ChoiceField } from './configOptions';
import type { NumberField } from './configLimits';

/** One form field: what the config calls it, what a person reads, and why it matters. */
export interface FieldText {
  label: string;
  help: string;
}

export const numberFields: Record<NumberField, FieldText> = {
  seed: { label: 'Seed', help: 'Seeds the student weights and the order of the transfer images: same seed, same run.' },
  epochs: { label: 'Epochs', help: 'Passes over the transfer images.' },
  transferLimit: { label: 'Transfer images', help: 'Unlabelled images used per epoch (0 = all); steps per epoch = this / batch size.' },
  batchSize: { label: 'Batch size', help: 'Images per step; the contrastive losses compare the images within a batch.' },
  learningRate: { label: 'Learning rate', help: 'Step size of the optimiser for the student and the projection heads.' },
  studentWidth: { label: 'Student width', help: "Channels of the student's first conv layer; wider learns more, runs slower." },
  projectionSize: { label: 'Common space size', help: 'Size m of the common space every model is projected into.' },
  temperature: { label: 'Temperature T', help: "Softens the teachers' logits into soft targets; higher shares more of their doubt." },
  tau: { label: 'Contrastive tau', help: 'Temperature of the intra and inter contrastive losses; lower pulls classes apart harder.' },
  tauAlign: { label: 'Alignment tau', help: 'Temperature that turns each embedding into the distribution the alignment loss matches.' },
  'weights.kd': { label: 'Soft-target (KD) weight', help: "Task-level amalgamation: the student matches the teachers' combined soft targets." },
  'weights.intra': { label: 'Intra-model weight', help: 'Cohesion and separation inside each model, by pseudo-label (SupCon).' },
  'weights.inter': { label: 'Inter-model weight', help: 'Student embeddings pulled to same-class teacher embeddings (symmetric InfoNCE).' },
  'weights.align': { label: 'Alignment weight', help: "Sample-level match of the student's and each teacher's embedding distributions." },
  'weights.cflMmd': { label: 'CFL MMD weight', help: "CFL baseline: batch-level MMD between student and teacher common features." },
  'weights.cflReconstruction': { label: 'CFL reconstruction weight', help: "CFL baseline: rebuild each teacher's features from the common space." },
};

export const choiceFields: Record<ChoiceField, FieldText> = {
  preset: { label: 'Preset', help: 'A named method: CKA, its baselines and its ablations; editing a method field makes it custom.' },
  optimizer: { label: 'Optimiser', help: 'Adam is the default; SGD needs a larger learning rate.' },
  taskMode: { label: 'Task mode', help: 'joint: one head over every class; multi-head: one head per teacher.' },
  combiner: { label: 'Target combiner', help: "concat: one softmax over all teachers' logits (CFL); confidence: weight by each teacher's certainty." },
  alignVariant: { label: 'Alignment variant', help: 'sample: match each sample’s embedding; relational: match its similarities to the batch.' },
};

export const presetText: Record<PresetName | 'custom', string> = {
  cka: 'CKA: soft targets + intra- and inter-model contrastive + sample-level alignment',
  kd: 'KD: soft-target amalgamation only (baseline)',
  cfl: 'CFL: soft targets + common-feature MMD and reconstruction (baseline, Luo et al. 2019)',
  'cka-no-intra': 'CKA without the intra-model contrastive loss (ablation)',
  'cka-no-inter': 'CKA without the inter-model contrastive loss (ablation)',
  'cka-no-align': 'CKA without the alignment loss (ablation)',
  oracle: 'Oracle: the student trained on true labels (an upper bound, not amalgamation)',
  custom: 'Custom: a preset with edited method settings',
};

export const weightNames: (keyof LossWeights)[] = ['kd', 'intra', 'inter', 'align', 'cflMmd', 'cflReconstruction'];

/** How the form groups the fields. */
export const runFields: NumberField[] = ['seed', 'epochs', 'transferLimit', 'batchSize', 'learningRate'];
export const modelFields: NumberField[] = ['studentWidth', 'projectionSize', 'temperature', 'tau', 'tauAlign'];
