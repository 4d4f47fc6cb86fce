import type { TrainingOwnershipEvent } from '../../protocol/messages';

/** One bar of the ownership chart: a teacher and the share of the transfer images it owns. */
export interface OwnershipRow {
  teacher: string;
  images: number;
  /** Percent of the transfer images. */
  share: number;
}

const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export function ownershipRows(o: TrainingOwnershipEvent): OwnershipRow[] {
  return o.teachers.map((teacher, k) => ({ teacher, images: o.owned[k], share: percent(o.owned[k], o.images) }));
}

/** How many images the builder moves away from concatenation's owner, in words. */
export function changedText(o: TrainingOwnershipEvent): string {
  const n = o.changed.toLocaleString('en');
  return `${n} of ${o.images.toLocaleString('en')} images (${percent(o.changed, o.images).toFixed(1)} %) go to a different teacher than plain concatenation would give them to.`;
}
