/**
 * Builds the `emoji` data set's files from the emoji artwork that npm brings
 * (emoji-datasource-google, emoji-datasource-twitter): per split, the images as 4-d IDX
 * (count, 32, 32, 3), the labels and the vendor of each image as 1-d IDX, and a manifest.
 * Deterministic: the same packages give the same bytes (checked by scripts/prepare-data.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodePng } from '../../src/node/pngDecode';
import { catalogueImages, emojiClasses, emojiVendors, splitImages, type EmojiImage, type EmojiRecord } from './emojiCatalogue';
import { emojiToRgb } from './emojiPixels';

export const EMOJI_SIZE = 32;
export const EMOJI_TEST_FRACTION = 0.25;
export const EMOJI_SPLIT_SEED = 12;

const require = createRequire(import.meta.url);
const vendorIds = emojiVendors.map((v) => v.id);

function packageDir(npm: string): string {
  try {
    return path.dirname(require.resolve(`${npm}/package.json`));
  } catch {
    throw new Error(`npm package ${npm} is missing: run \`npm ci\` (it ships the emoji artwork)`);
  }
}

export function idxFile(dims: number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const file = new Uint8Array(header.length + data.length);
  file.set(header);
  file.set(data, header.length);
  return file;
}

function splitFiles(images: EmojiImage[], prefix: string, dirs: Map<string, string>): Record<string, Uint8Array> {
  const size = EMOJI_SIZE * EMOJI_SIZE * 3;
  const pixels = new Uint8Array(images.length * size);
  images.forEach((image, i) => {
    const file = path.join(dirs.get(image.vendor)!, image.image);
    pixels.set(emojiToRgb(decodePng(readFileSync(file), file), EMOJI_SIZE), i * size);
  });
  return {
    [`${prefix}-images-idx4-ubyte`]: idxFile([images.length, EMOJI_SIZE, EMOJI_SIZE, 3], pixels),
    [`${prefix}-labels-idx1-ubyte`]: idxFile([images.length], Uint8Array.from(images, (i) => i.label)),
    [`${prefix}-vendors-idx1-ubyte`]: idxFile([images.length], Uint8Array.from(images, (i) => vendorIds.indexOf(i.vendor))),
  };
}

/** What the data set holds, for people and for the tests: classes, counts, licences, each image's emoji. */
function manifest(split: { train: EmojiImage[]; test: EmojiImage[] }, versions: Record<string, string>) {
  const count = (images: EmojiImage[], label: number) => ({
    images: images.filter((i) => i.label === label).length,
    bases: new Set(images.filter((i) => i.label === label).map((i) => i.base)).size,
  });
  return {
    size: [EMOJI_SIZE, EMOJI_SIZE, 3],
    split: { testFraction: EMOJI_TEST_FRACTION, seed: EMOJI_SPLIT_SEED, by: 'base emoji (skin tones and man/woman/person forms together)' },
    vendors: emojiVendors.map((v) => ({ ...v, version: versions[v.npm] })),
    classes: emojiClasses.map((c, label) => ({ ...c, train: count(split.train, label), test: count(split.test, label) })),
    train: split.train.map((i) => `${i.vendor}:${i.unified}`),
    test: split.test.map((i) => `${i.vendor}:${i.unified}`),
  };
}

/** All of the data set's files, uncompressed, by name. */
export function buildEmojiFiles(): Record<string, Uint8Array> {
  const dirs = new Map<string, string>();
  const versions: Record<string, string> = {};
  for (const vendor of emojiVendors) {
    const dir = packageDir(vendor.npm);
    dirs.set(vendor.id, path.join(dir, 'img', vendor.id, '64'));
    versions[vendor.npm] = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  }
  const records: EmojiRecord[] = JSON.parse(readFileSync(path.join(packageDir(emojiVendors[0].npm), 'emoji.json'), 'utf8'));
  const split = splitImages(catalogueImages(records, vendorIds), EMOJI_TEST_FRACTION, EMOJI_SPLIT_SEED);
  return {
    ...splitFiles(split.train, 'train', dirs),
    ...splitFiles(split.test, 'test', dirs),
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest(split, versions), null, 1) + '\n'),
  };
}
