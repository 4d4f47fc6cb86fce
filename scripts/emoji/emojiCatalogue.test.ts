import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { baseOf, catalogueImages, emojiClasses, splitImages, type EmojiRecord } from './emojiCatalogue';
import { dataSets } from '../../src/core/data/dataSets';

const require = createRequire(import.meta.url);
/** The real catalogue: npm ci brings it, and the test fails (does not skip) without it. */
const records: EmojiRecord[] = JSON.parse(readFileSync(require.resolve('emoji-datasource-google/emoji.json'), 'utf8'));

const tone = (unified: string, image: string) => ({ unified, image, has_img_google: true, has_img_twitter: true });
const record = (unified: string, subcategory: string, tones = false): EmojiRecord => ({
  unified,
  short_name: unified,
  category: 'x',
  subcategory,
  image: `${unified.toLowerCase()}.png`,
  has_img_google: true,
  has_img_twitter: true,
  ...(tones ? { skin_variations: { '1F3FB': tone(`${unified}-1F3FB`, 'a.png'), '1F3FC': tone(`${unified}-1F3FC`, 'b.png') } } : {}),
});

describe('baseOf', () => {
  it('puts skin tones, man / woman / person forms and variation selectors on one base', () => {
    const farmer = '1F9D1-200D-1F33E';
    expect(baseOf('1F468-200D-1F33E')).toBe(farmer);
    expect(baseOf('1F469-1F3FD-200D-1F33E')).toBe(farmer);
    expect(baseOf('1F9D1-1F3FF-200D-1F33E')).toBe(farmer);
    expect(baseOf('1F46E-200D-2640-FE0F')).toBe('1F46E');
    expect(baseOf('1F46E-1F3FB-200D-2642-FE0F')).toBe('1F46E');
  });

  it('keeps different emoji apart', () => {
    expect(baseOf('1F415')).not.toBe(baseOf('1F408'));
    expect(baseOf('1F468')).toBe('1F468'); // a man alone is not "person + ZWJ ..."
  });
});

describe('catalogueImages', () => {
  it('keeps only the classes, one image per vendor, and the default form plus one skin tone', () => {
    const images = catalogueImages([record('1F415', 'animal-mammal'), record('1F46E', 'person-role', true), record('1F600', 'flag')], ['google', 'twitter']);
    expect(images.filter((i) => i.unified === '1F415').map((i) => i.vendor)).toEqual(['google', 'twitter']);
    const police = images.filter((i) => i.base === '1F46E');
    expect(police).toHaveLength(4);
    expect(new Set(police.map((i) => i.unified)).size).toBe(2);
    expect(images.some((i) => i.unified === '1F600')).toBe(false);
  });

  it('has the labels of the data set, in its order, with at least 15 base emoji a class', () => {
    expect(emojiClasses.map((c) => c.name)).toEqual(dataSets.emoji.labelNames);
    const images = catalogueImages(records, ['google', 'twitter']);
    for (let label = 0; label < emojiClasses.length; label++) {
      expect(new Set(images.filter((i) => i.label === label).map((i) => i.base)).size).toBeGreaterThanOrEqual(15);
    }
  });
});

describe('splitImages', () => {
  const images = catalogueImages(records, ['google', 'twitter']);

  it('never puts a base emoji in both splits (tones, genders and vendors go together)', () => {
    const { train, test } = splitImages(images, 0.25, 12);
    const trainBases = new Set(train.map((i) => i.base));
    expect(test.filter((i) => trainBases.has(i.base))).toEqual([]);
    expect(train.length + test.length).toBe(images.length);
  });

  it('gives every class test emoji, about a quarter of its bases, and the same split for the same seed', () => {
    const { train, test } = splitImages(images, 0.25, 12);
    for (let label = 0; label < emojiClasses.length; label++) {
      const bases = (set: typeof images) => new Set(set.filter((i) => i.label === label).map((i) => i.base)).size;
      const share = bases(test) / (bases(test) + bases(train));
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.35);
    }
    expect(splitImages(images, 0.25, 12).test).toEqual(test);
    expect(splitImages(images, 0.25, 13).test).not.toEqual(test);
  });
});
