export { shiftImages, neighbourShifts, axisShifts } from './shift';
export { augmentImages, DEFAULT_AUGMENT, type AugmentOptions } from './augmentImages';
