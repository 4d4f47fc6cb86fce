/** The builder settings ownership-accuracy.ts compares: each named builder and a few sharpness / weight variants. */
import { targetBuilder, type TargetBuilderName, type TargetBuilderSpec } from '../../src/core/ownership';
import { AXIS_SHIFTS, SHIFTS } from './ownershipEvidence';

export interface Variant {
  builder: TargetBuilderName;
  label: string;
  spec: TargetBuilderSpec;
  /** Which of SHIFTS the agreement score averages over. */
  shifts: number[];
}

const ALL_SHIFTS = SHIFTS.map((_, i) => i);

export function builderVariants(temperature: number): Variant[] {
  const make = (builder: TargetBuilderName, label: string, change: Partial<TargetBuilderSpec> = {}, shifts = AXIS_SHIFTS): Variant => ({
    builder,
    label,
    spec: { ...targetBuilder(builder, { temperature }), ...change },
    shifts,
  });
  const agreementTerm = (w: number) => ({ score: 'agreement' as const, weight: w });
  const zMax = { score: 'maxLogit' as const, weight: 1 };
  const certainty = { score: 'certainty' as const, weight: 1 };
  /** The first cluster builder's terms (the named one now defaults to z-certainty + agreement). */
  const zAgree = [zMax, agreementTerm(1)];
  const clusters = { count: 100, space: 'features' as const, mix: 0.5, iterations: 15 };
  return [
    make('concat', `T = ${temperature}`),
    make('confidence', `T = ${temperature}`),
    make('z-max-logit', 'hard'),
    make('z-max-logit', 'soft, sharpness 1', { sharpness: 1 }),
    make('z-max-logit', 'soft, sharpness 3', { sharpness: 3 }),
    make('z-energy', 'hard'),
    make('z-energy', 'soft, sharpness 3', { sharpness: 3 }),
    make('least-ambiguity', 'hard, raw'),
    make('least-ambiguity', 'hard, z-scored', { standardise: true }),
    make('agreement', 'hard, 4 axis shifts'),
    make('agreement', 'hard, 8 neighbour shifts', {}, ALL_SHIFTS),
    make('z-max-logit+agreement', 'hard, 4 shifts'),
    make('z-max-logit+agreement', 'hard, 8 shifts', {}, ALL_SHIFTS),
    make('z-max-logit+agreement', 'hard, 8 shifts, agreement x2', { terms: [zMax, agreementTerm(2)] }, ALL_SHIFTS),
    make('z-max-logit+agreement', 'soft 3, 8 shifts', { sharpness: 3 }, ALL_SHIFTS),
    make('cluster', 'features, 100, mix 0.5, 8 shifts', { terms: zAgree, clusters }, ALL_SHIFTS),
    make('cluster', 'features, 100, mix 1, 8 shifts', { terms: zAgree, clusters: { count: 100, space: 'features', mix: 1, iterations: 15 } }, ALL_SHIFTS),
    make('cluster', 'logits, 100, mix 0.5, 8 shifts', { terms: zAgree, clusters: { count: 100, space: 'logits', mix: 0.5, iterations: 15 } }, ALL_SHIFTS),
    make('cluster', 'features, 300, mix 0.5, 8 shifts', { terms: zAgree, clusters: { count: 300, space: 'features', mix: 0.5, iterations: 15 } }, ALL_SHIFTS),
    make('cluster', 'features, 30, mix 0.5, 8 shifts', { terms: zAgree, clusters: { ...clusters, count: 30 } }, ALL_SHIFTS),
    make('cluster', 'features, 100, mix 0.75, 8 shifts', { terms: zAgree, clusters: { ...clusters, mix: 0.75 } }, ALL_SHIFTS),
    make('cluster', 'features, 100, mix 0.5, soft 3, 8 shifts', { terms: zAgree, sharpness: 3, clusters }, ALL_SHIFTS),
    make('cluster', 'features, 100, mix 0.5, max logit only (no shifts)', { terms: [zMax], clusters }, []),
    make('least-ambiguity', 'hard, z-scored, + agreement 4 shifts', { standardise: true, terms: [certainty, agreementTerm(1)] }),
    make('least-ambiguity', 'hard, z-scored, + z-max-logit + agreement 4 shifts', { standardise: true, terms: [certainty, zMax, agreementTerm(1)] }),
    make('cluster', 'features, 10, mix 0.5, 8 shifts', { terms: zAgree, clusters: { ...clusters, count: 10 } }, ALL_SHIFTS),
    make('cluster', 'features, 20, mix 0.5, 8 shifts', { terms: zAgree, clusters: { ...clusters, count: 20 } }, ALL_SHIFTS),
    make('cluster', 'features, 30, mix 1, 8 shifts', { terms: zAgree, clusters: { ...clusters, count: 30, mix: 1 } }, ALL_SHIFTS),
    make('cluster', 'features, 30, mix 0.5, z-certainty + agreement 4 shifts', { terms: [certainty, agreementTerm(1)], clusters: { ...clusters, count: 30 } }),
    make('cluster', 'features, 100, mix 0.5, z-certainty + agreement 4 shifts', { terms: [certainty, agreementTerm(1)], clusters }),
    make('cluster', 'features, 100, mix 0.5, z-certainty + z-max-logit + agreement 4 shifts', { terms: [certainty, zMax, agreementTerm(1)], clusters }),
  ];
}
