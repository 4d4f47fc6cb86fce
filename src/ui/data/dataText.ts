import type { BuiltInData } from '../../core/method/config';
import type { ImagesSummary } from '../../protocol/messages';
import { bytesPerImage, megabytes } from '../../core/data/dropBudget';

/** Wording for the data panel, kept pure so it is unit-tested and the e2e tests can reuse it. */

export const builtInTitles: Record<BuiltInData, string> = {
  mnist: 'MNIST digits',
  'fashion-mnist': 'Fashion-MNIST',
  'mnist+fashion-mnist': 'MNIST + Fashion-MNIST (20 classes)',
  emoji: 'Emoji (colour, 32 × 32, 10 classes)',
};

export function summaryText(summary: ImagesSummary): string {
  const size = `${summary.height} × ${summary.width} ${summary.channels === 3 ? 'colour' : 'gray'}`;
  const classes = summary.labelNames.length > 0 ? `, ${summary.labelNames.length} classes (${summary.labelNames.join(', ')})` : ', unlabelled';
  return `${summary.count.toLocaleString('en-US')} images at ${size}${classes}, checksum ${summary.checksum}`;
}

export function skippedText(skipped: { name: string; reason: string }[]): string | null {
  if (skipped.length === 0) return null;
  const shown = skipped.slice(0, 3).map((s) => `${s.name} (${s.reason})`).join('; ');
  return `${skipped.length} ${skipped.length === 1 ? 'file' : 'files'} skipped: ${shown}${skipped.length > 3 ? '; …' : ''}`;
}

/** The count while a drop decodes: "Decoding 250 of 2,000 images from photos…" (the notice names its drop by " from <name>"). */
export const decodingText = (name: string, done: number, total: number): string =>
  `Decoding ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} images from ${name}…`;

/** What a transfer drop becomes: the working resolution now in force, colour kept, and what that costs at most. */
export function dropHint(side: number, auto: boolean): string {
  const each = bytesPerImage({ height: side, width: side }, 3);
  const size = auto ? `${side} × ${side} (the working resolution, auto: never above the images' own size)` : `${side} × ${side} (the working resolution)`;
  return (
    `Drop a folder (or many files) of PNG or JPEG images: the worker decodes them to ${size}, ` +
    `in colour when they have colour, gray otherwise; each teacher resizes them to its own input. ` +
    `In colour 1,000 images take ${megabytes(1_000 * each)}, 10,000 take ${megabytes(10_000 * each)}.`
  );
}
