import type { RunConfig } from '../../core/method/config';

/** A legal but unusual choice, with the field it is about and why it may surprise. */
export interface ConfigWarning {
  field: string;
  text: string;
}

type Check = (c: RunConfig) => ConfigWarning | null;

const ckaFamily = (c: RunConfig) => c.preset === 'cka' || c.preset.startsWith('cka-');

const checks: Check[] = [
  (c) => (c.tau < 0.05 ? { field: 'tau', text: `tau ${c.tau} is very sharp: contrastive gradients may explode (0.1 to 0.5 is usual)` } : null),
  (c) => (c.learningRate > 0.01 ? { field: 'learningRate', text: `learning rate ${c.learningRate} is high for Adam on these students; losses may diverge` } : null),
  (c) => {
    if (c.preset !== 'cka') return null;
    const off = (['intra', 'inter', 'align'] as const).filter((w) => c.weights[w] === 0);
    return off.length ? { field: 'weights', text: `preset cka with the ${off.join(', ')} weight at 0 is an ablation: pick its cka-no-* preset so the run is named for it` } : null;
  },
  (c) => (ckaFamily(c) && c.batchSize < 16 ? { field: 'batchSize', text: `batch ${c.batchSize}: the contrastive losses find few same-class pairs in so small a batch` } : null),
  (c) => (c.supervised ? { field: 'supervised', text: 'supervised trains on true labels: an upper bound for comparison, not amalgamation' } : null),
  (c) => (c.weights.kd === 0 && !c.supervised ? { field: 'weights.kd', text: 'kd weight 0: nothing teaches the student its classes; accuracy will stay near chance' } : null),
  (c) => (c.temperature < 1 ? { field: 'temperature', text: `temperature ${c.temperature} below 1 sharpens the soft targets past the teachers' own confidence` } : null),
  (c) => (c.transferLimit > 0 && c.transferLimit < c.batchSize * 10 ? { field: 'transferLimit', text: `${c.transferLimit} transfer images make fewer than 10 steps an epoch` } : null),
];

/** Every warning that applies, in a fixed order. */
export function configWarnings(config: RunConfig): ConfigWarning[] {
  return checks.map((check) => check(config)).filter((w): w is ConfigWarning => w !== null);
}
