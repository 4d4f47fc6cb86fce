export { combineTeacherTargets, unionPlacement } from './unionTargets';
export type { TargetCombiner } from './unionTargets';
export { pseudoLabelsJoint, pseudoLabelsMultiHead } from './pseudoLabels';
export { softTargetLossJoint, softTargetLossMultiHead, softTargetLossPerTeacher } from './softTargetLoss';
export { supCon, supConFromSimilarity, intraContrastiveLoss } from './intraContrastive';
export { infoNceFromSimilarity, symmetricInfoNceFromSimilarity, interContrastiveLoss } from './interContrastive';
export {
  alignmentLoss,
  sampleAlignmentLoss,
  relationalAlignmentLoss,
  relationalAlignmentFromSimilarity,
} from './alignment';
export type { AlignmentVariant } from './alignment';
export {
  CFL_SIGMAS,
  CFL_COMMON_FEATURE_WEIGHT,
  CFL_RECONSTRUCTION_WEIGHT,
  mmd2MultiRbf,
  commonFeatureMmd,
  reconstructionMse,
  cflFeatureLoss,
} from './cflLosses';
export type { CflFeatureOptions } from './cflLosses';
export { cosineSimilarityMatrix, l2Normalize, squaredDistanceMatrix } from './similarity';
export { instanceInterLoss, instanceIntraLoss } from './instanceContrastive';
