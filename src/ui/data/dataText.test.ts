import { describe, expect, it } from 'vitest';
import { decodingText, dropHint, summaryText } from './dataText';

describe('the data panel in words', () => {
  it('says the size, the colour and the memory of a drop', () => {
    expect(dropHint(64, false)).toContain('decodes them to 64 × 64 (the working resolution),');
    expect(dropHint(64, true)).toContain("decodes them to 64 × 64 (the working resolution, auto: never above the images' own size),");
    expect(dropHint(64, true)).toContain('In colour 1,000 images take 12.3 MB, 10,000 take 122.9 MB.');
    expect(dropHint(28, true)).toContain('1,000 images take 2.4 MB, 10,000 take 23.5 MB.');
    expect(decodingText('photos', 250, 2000)).toBe('Decoding 250 of 2,000 images from photos…');
    const summary = { count: 2, height: 32, width: 32, channels: 3, labelNames: [], labelHistogram: [], checksum: 'abcd0123' };
    expect(summaryText(summary)).toBe('2 images at 32 × 32 colour, unlabelled, checksum abcd0123');
    expect(summaryText({ ...summary, channels: 1 })).toContain('32 × 32 gray');
  });
});
