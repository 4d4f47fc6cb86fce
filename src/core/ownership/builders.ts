import type { Sharpness, TargetBuilderSpec } from './spec';

/**
 * The named target builders, each with the one line the method panel will show. `temperature`
 * is the run's distillation temperature (only `confidence` reads the teachers at it, as today).
 */
export const targetBuilderNames = [
  'concat',
  'confidence',
  'z-max-logit',
  'z-energy',
  'least-ambiguity',
  'agreement',
  'z-max-logit+agreement',
  'cluster',
] as const;
export type TargetBuilderName = (typeof targetBuilderNames)[number];

export const targetBuilderHelp: Record<TargetBuilderName, string> = {
  concat: 'One softmax over all teachers’ logits side by side (CFL); the loudest raw logit wins.',
  confidence: 'Each teacher’s softmax, weighted per image by how low its entropy is.',
  'z-max-logit': 'The teacher whose max logit is highest relative to its own usual max logit (z-score over the transfer set) owns the image.',
  'z-energy': 'As z-max-logit with the energy (logsumexp of the logits) as the score.',
  'least-ambiguity': 'The teacher least ambiguous about the image (lowest entropy over its own classes, scaled by their number) owns it.',
  agreement: 'The teacher that keeps its answer best when the image is shifted by two pixels owns it (z-scored per teacher).',
  'z-max-logit+agreement': 'Standardised max logit plus standardised agreement under shifts.',
  cluster: 'Images are clustered by the teachers’ features; each image goes to the teacher that is, on it and across its cluster, least ambiguous and steadiest under shifts.',
};

export interface BuilderOptions {
  /** The run's distillation temperature. */
  temperature: number;
  /** Overrides the builder's default sharpness. */
  sharpness?: Sharpness;
  /** Share of the weights spread evenly over the teachers (TargetBuilderSpec.smoothing). */
  smoothing?: number;
}

/**
 * Chosen by scripts/experiments/ownership-accuracy.ts on the validation split (best mean over
 * the four settings): 30 clusters of the teachers' features, each image half its own score and
 * half its cluster's, the score being z-scored certainty plus z-scored agreement (4 shifts).
 */
const DEFAULT_CLUSTERS = { count: 30, space: 'features', mix: 0.5, iterations: 15 } as const;

export function targetBuilder(name: TargetBuilderName, { temperature, sharpness, smoothing = 0 }: BuilderOptions): TargetBuilderSpec {
  const scores = (terms: TargetBuilderSpec['terms'], standardise: boolean, fallback: Sharpness, extra: Partial<TargetBuilderSpec> = {}): TargetBuilderSpec => ({
    kind: 'scores',
    terms,
    standardise,
    scoreTemperature: 1,
    sharpness: sharpness ?? fallback,
    ...(smoothing > 0 ? { smoothing } : {}),
    ...extra,
  });
  const zMaxLogit = { score: 'maxLogit', weight: 1 } as const;
  const agreement = { score: 'agreement', weight: 1 } as const;
  switch (name) {
    case 'concat':
      return { kind: 'concat', terms: [], standardise: false, scoreTemperature: temperature, sharpness: 1 };
    case 'confidence':
      return scores([{ score: 'negEntropy', weight: 1 }], false, 1, { scoreTemperature: temperature });
    case 'z-max-logit':
      return scores([zMaxLogit], true, 'hard');
    case 'z-energy':
      return scores([{ score: 'energy', weight: 1 }], true, 'hard');
    case 'least-ambiguity':
      return scores([{ score: 'certainty', weight: 1 }], false, 'hard');
    case 'agreement':
      return scores([agreement], true, 'hard');
    case 'z-max-logit+agreement':
      return scores([zMaxLogit, agreement], true, 'hard');
    case 'cluster':
      return scores([{ score: 'certainty', weight: 1 }, agreement], true, 'hard', { clusters: { ...DEFAULT_CLUSTERS } });
  }
}
