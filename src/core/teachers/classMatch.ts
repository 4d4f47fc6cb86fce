/**
 * The class ids of a labelled set that a teacher's labels name, in the teacher's output
 * order; null when a label names no class of the set (the teacher knows something the set
 * cannot test). Names match exactly, so a dropped MNIST teacher labelled 0-9 is tested on
 * MNIST, and one labelled like a dropped folder's sub-folders on that folder.
 */
export function classesNamed(labels: string[], labelNames: string[]): number[] | null {
  const classes = labels.map((l) => labelNames.indexOf(l));
  return classes.every((c) => c >= 0) ? classes : null;
}

/**
 * For a labelled folder that holds only some of a teacher's classes: each label's class id in
 * the set, or -1 where the set has no such class (that output can still be chosen, and is
 * then wrong). Null when no label names a class of the set.
 */
export function classesPartlyNamed(labels: string[], labelNames: string[]): number[] | null {
  const classes = labels.map((l) => labelNames.indexOf(l));
  return classes.some((c) => c >= 0) ? classes : null;
}
