import type { BuiltInData } from '../../core/method/config';
import type { ImagesSummary } from '../../protocol/messages';

/** Wording for the data panel, kept pure so it is unit-tested and the e2e tests can reuse it. */

export const builtInTitles: Record<BuiltInData, string> = {
  mnist: 'MNIST digits',
  'fashion-mnist': 'Fashion-MNIST',
  'mnist+fashion-mnist': 'MNIST + Fashion-MNIST (20 classes)',
  emoji: 'Emoji (colour, 32 × 32, 10 classes)',
};

export function summaryText(summary: ImagesSummary): string {
  const size = `${summary.height} × ${summary.width}`;
  const classes = summary.labelNames.length > 0 ? `, ${summary.labelNames.length} classes (${summary.labelNames.join(', ')})` : ', unlabelled';
  return `${summary.count.toLocaleString('en-US')} images at ${size}${classes}, checksum ${summary.checksum}`;
}

export function skippedText(skipped: { name: string; reason: string }[]): string | null {
  if (skipped.length === 0) return null;
  const shown = skipped.slice(0, 3).map((s) => `${s.name} (${s.reason})`).join('; ');
  return `${skipped.length} ${skipped.length === 1 ? 'file' : 'files'} skipped: ${shown}${skipped.length > 3 ? '; …' : ''}`;
}
