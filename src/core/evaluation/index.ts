export * from './classificationMetrics';
export * from './cohesion';
export * from './pca';
export * from './probeSet';
export type { LabelArray } from './types';
