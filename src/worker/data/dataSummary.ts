import type { LabelledImages } from '../../core/data/labelledImages';
import type { ImagesSummary } from '../../protocol/messages';

/** Samples per label id, indexed like labelNames (longer if a label lies past them). */
export function labelHistogram(labels: Uint8Array, labelCount: number): number[] {
  let size = labelCount;
  for (const label of labels) if (label >= size) size = label + 1;
  const histogram = new Array<number>(size).fill(0);
  for (const label of labels) histogram[label]++;
  return histogram;
}

/** 32-bit FNV-1a over the byte arrays in order, as 8 hex digits. */
export function fnv1a(...parts: Uint8Array[]): string {
  let hash = 0x811c9dc5;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export type { ImagesSummary };

export function summarizeImages(set: LabelledImages): ImagesSummary {
  return {
    count: set.count,
    height: set.height,
    width: set.width,
    channels: set.channels,
    labelNames: set.labelNames,
    labelHistogram: labelHistogram(set.labels, set.labelNames.length),
    checksum: fnv1a(set.pixels, set.labels),
  };
}
