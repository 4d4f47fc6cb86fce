/**
 * The `emoji` data set's catalogue: which emoji of npm's emoji-datasource artwork become which
 * class, which emoji count as variants of one base (kept in one split), and the seeded split
 * by base emoji. Pure functions over emoji.json's records, so they are tested without images.
 */
import { seededRandom, shuffledIndices } from '../../src/core/random';

/** One record of emoji-datasource's emoji.json (the fields used here). */
export interface EmojiRecord {
  unified: string;
  short_name: string;
  category: string;
  subcategory: string;
  image: string;
  has_img_google?: boolean;
  has_img_twitter?: boolean;
  skin_variations?: Record<string, { unified: string; image: string; has_img_google?: boolean; has_img_twitter?: boolean }>;
}

/**
 * The vendors whose artwork is used, with its licence. Apple's and Facebook's artwork is not
 * freely licensed and is never read; OpenMoji (CC BY-SA 4.0) is left out so the prepared files
 * carry no share-alike terms.
 */
export const emojiVendors = [
  { id: 'google', npm: 'emoji-datasource-google', artwork: 'Noto Emoji, Google', licence: 'Apache-2.0' },
  { id: 'twitter', npm: 'emoji-datasource-twitter', artwork: 'Twemoji, Twitter Inc. and other contributors', licence: 'CC-BY-4.0' },
] as const;
export type EmojiVendor = (typeof emojiVendors)[number]['id'];

/** The ten classes, each a union of Unicode emoji subcategories (CLDR's names). */
export const emojiClasses: { name: string; subcategories: string[] }[] = [
  { name: 'face', subcategories: ['face-smiling', 'face-affection', 'face-tongue', 'face-hand', 'face-neutral-skeptical', 'face-sleepy', 'face-unwell', 'face-hat', 'face-glasses', 'face-concerned', 'face-negative', 'face-costume'] },
  { name: 'person-role', subcategories: ['person-role'] },
  { name: 'animal-mammal', subcategories: ['animal-mammal'] },
  { name: 'animal-bird', subcategories: ['animal-bird'] },
  { name: 'animal-marine', subcategories: ['animal-marine'] },
  { name: 'plant', subcategories: ['plant-flower', 'plant-other'] },
  { name: 'fruit-vegetable', subcategories: ['food-fruit', 'food-vegetable'] },
  { name: 'food-prepared', subcategories: ['food-prepared'] },
  { name: 'drink', subcategories: ['drink'] },
  { name: 'transport-ground', subcategories: ['transport-ground'] },
];

/** One image to prepare: an emoji (or one of its skin tones) drawn by one vendor. */
export interface EmojiImage {
  unified: string;
  /** Variants of one emoji (skin tones, man / woman / person forms) share this key. */
  base: string;
  label: number;
  vendor: EmojiVendor;
  /** File name under the vendor's img/<vendor>/64/ folder. */
  image: string;
}

const SKIN_TONES = new Set(['1F3FB', '1F3FC', '1F3FD', '1F3FE', '1F3FF']);
const VARIATION_SELECTOR = 'FE0F';
const ZWJ = '200D';
const GENDER_SIGNS = new Set(['2640', '2642']);
const MAN_OR_WOMAN = new Set(['1F468', '1F469']);
const PERSON = '1F9D1';

/**
 * The base an emoji is a variant of: its code points without skin tones, variation selectors
 * and a trailing ZWJ + gender sign, with a leading man / woman (before a ZWJ) read as person.
 * So farmer, man farmer, woman farmer and all their skin tones share one base.
 */
export function baseOf(unified: string): string {
  let points = unified.toUpperCase().split('-').filter((p) => !SKIN_TONES.has(p) && p !== VARIATION_SELECTOR);
  const last = points.length - 1;
  if (last >= 1 && points[last - 1] === ZWJ && GENDER_SIGNS.has(points[last])) points = points.slice(0, last - 1);
  if (points.length > 1 && MAN_OR_WOMAN.has(points[0]) && points[1] === ZWJ) points = [PERSON, ...points.slice(1)];
  return points.join('-');
}

const hasImage = (entry: { has_img_google?: boolean; has_img_twitter?: boolean }, vendor: EmojiVendor) =>
  vendor === 'google' ? entry.has_img_google === true : entry.has_img_twitter === true;

/** A fixed string hash (FNV-1a), so the chosen skin tone depends on the emoji alone. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The forms of one emoji that become images: the default (yellow) one and one of its skin
 * tones, picked by a hash of its code. All five tones would make the classes of people six
 * times larger than the others (person-role alone would be 58 % of the test images).
 */
function keptForms(record: EmojiRecord): { unified: string; image: string; has_img_google?: boolean; has_img_twitter?: boolean }[] {
  const tones = Object.keys(record.skin_variations ?? {}).sort();
  if (tones.length === 0) return [record];
  // Keys like "1F3FB-1F3FC" mix two tones (couples); the plain single tones are preferred.
  const single = tones.filter((t) => !t.includes('-'));
  const pool = single.length > 0 ? single : tones;
  return [record, record.skin_variations![pool[hashOf(record.unified) % pool.length]]];
}

/** Every kept form x vendor image of the classes, for the vendors that draw it, in a fixed order. */
export function catalogueImages(records: readonly EmojiRecord[], vendors: readonly EmojiVendor[]): EmojiImage[] {
  const labelOf = new Map(emojiClasses.flatMap((c, label) => c.subcategories.map((s) => [s, label] as const)));
  const images: EmojiImage[] = [];
  for (const record of records) {
    const label = labelOf.get(record.subcategory);
    if (label === undefined) continue;
    for (const form of keptForms(record)) {
      for (const vendor of vendors) {
        if (hasImage(form, vendor)) images.push({ unified: form.unified, base: baseOf(form.unified), label, vendor, image: form.image });
      }
    }
  }
  return images.sort((a, b) => a.label - b.label || a.unified.localeCompare(b.unified) || a.vendor.localeCompare(b.vendor));
}

/**
 * Test bases: in each class, a seeded shuffle of its bases (sorted first, so the order of
 * emoji.json does not matter) puts `testFraction` of them (at least one) in the test split.
 * Every image of a base (all tones, genders and vendors) then lands in the base's split.
 */
export function testBases(images: readonly EmojiImage[], testFraction: number, seed: number): Set<string> {
  const test = new Set<string>();
  for (let label = 0; label < emojiClasses.length; label++) {
    const bases = [...new Set(images.filter((i) => i.label === label).map((i) => i.base))].sort();
    const order = shuffledIndices(bases.length, seededRandom(seed * 1009 + label));
    const take = Math.max(1, Math.round(bases.length * testFraction));
    for (let k = 0; k < take && k < bases.length; k++) test.add(bases[order[k]]);
  }
  return test;
}

export function splitImages(images: readonly EmojiImage[], testFraction: number, seed: number): { train: EmojiImage[]; test: EmojiImage[] } {
  const test = testBases(images, testFraction, seed);
  return { train: images.filter((i) => !test.has(i.base)), test: images.filter((i) => test.has(i.base)) };
}
