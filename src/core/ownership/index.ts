export type { OwnershipEvidence } from './evidence';
export type { ClusterOptions, OwnershipScore, ScoreTerm, Sharpness, TargetBuilderSpec } from './spec';
export { needsFit, usesAgreement, usesFeatures } from './spec';
export { targetBuilder, targetBuilderHelp, targetBuilderNames, type BuilderOptions, type TargetBuilderName } from './builders';
export { teacherScores } from './scores';
export { ImageTable, ownAnswerProbability, shiftAgreement, type TeacherLogits } from './agreement';
export { kMeans, nearestCentre } from './kmeans';
export { disposeOwnershipFit, fitOwnership, ownershipScores, sampleScores, sharpen, type OwnershipFit, type ScoreStandard } from './fit';
export { concatWeights, ownedUnionTarget, ownershipTargets, owners, type OwnedTargets } from './unionTarget';
