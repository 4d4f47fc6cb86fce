import type { Prediction } from '../../protocol/messages';

/** "3 (92.1 %), 5 (4.0 %)": one image's top classes. */
export const predictionText = (predictions: Prediction[]): string =>
  predictions.map((p) => `${p.label} (${(p.probability * 100).toFixed(1)} %)`).join(', ');
