import type { LabelledImages } from './labelledImages';

/** The built-in sets' shape: what Try it draws and what a drop is decoded to when no working resolution is given. */
export const DROPPED_SIZE = { height: 28, width: 28, channels: 1 } as const;

const IMAGE_NAME = /\.(png|jpe?g)$/i;
export const isImageName = (name: string): boolean => IMAGE_NAME.test(name);

const segments = (path: string): string[] => path.split(/[\\/]/).filter((p) => p.length > 0);

/**
 * The class of each file of a labelled drop: the folder that holds it. A picked or dropped
 * folder puts its own name first in every path ("digits/3/a.png"), so a first segment shared
 * by all is the drop's root, not a class. Null for a file with no class folder.
 */
export function classesOfPaths(paths: string[]): (string | null)[] {
  const parts = paths.map(segments);
  const root = parts[0]?.[0];
  const rooted = parts.length > 0 && parts.every((p) => p.length >= 2 && p[0] === root);
  return parts.map((p) => {
    const inside = rooted ? p.slice(1) : p;
    return inside.length >= 2 ? inside[inside.length - 2] : null;
  });
}

/** RGBA (as a canvas gives it) to one gray byte per pixel; transparent pixels fade to black. */
export function toGrayscale(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++) {
    const [r, g, b, a] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]];
    // Rec. 601 weights summing to 1000, rounded, so a gray pixel (r = g = b) keeps its exact value.
    const luma = Math.floor((r * 299 + g * 587 + b * 114 + 500) / 1000);
    out[i] = Math.round((luma * a) / 255);
  }
  return out;
}

/** RGBA to three bytes per pixel, each channel faded to black by alpha as toGrayscale does. */
export function toRgb(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0; i < rgba.length / 4; i++) {
    const a = rgba[4 * i + 3];
    for (let c = 0; c < 3; c++) out[3 * i + c] = Math.round((rgba[4 * i + c] * a) / 255);
  }
  return out;
}

/** Decoded pixels as compact as the image allows: one byte a pixel when it has no colour, else three. */
export interface CompactPixels {
  pixels: Uint8Array;
  channels: 1 | 3;
}

/** True when no visible pixel has colour (r = g = b once faded by alpha): such an image keeps one channel. */
export function hasNoColour(rgba: Uint8ClampedArray | Uint8Array): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3];
    const [r, g, b] = [Math.round((rgba[i] * a) / 255), Math.round((rgba[i + 1] * a) / 255), Math.round((rgba[i + 2] * a) / 255)];
    if (r !== g || g !== b) return false;
  }
  return true;
}

/** RGBA (a canvas's or a PNG decoder's) to gray bytes for a gray image, RGB bytes for a colour one. */
export function compactPixels(rgba: Uint8ClampedArray | Uint8Array): CompactPixels {
  return hasNoColour(rgba) ? { pixels: toGrayscale(rgba), channels: 1 } : { pixels: toRgb(rgba), channels: 3 };
}

/** Gray bytes as RGB with R = G = B: a gray image among colour ones, or for a colour model. */
export function grayToRgb(gray: Uint8Array): Uint8Array {
  const out = new Uint8Array(gray.length * 3);
  for (let i = 0; i < gray.length; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = gray[i];
  return out;
}

/** RGB bytes to gray with toGrayscale's weights: a colour image in a set that must stay gray. */
export function rgbToGray(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor((rgb[3 * i] * 299 + rgb[3 * i + 1] * 587 + rgb[3 * i + 2] * 114 + 500) / 1000);
  return out;
}

/** An image's pixels with `channels` channels, converted only where they differ. */
export function withChannels(image: CompactPixels, channels: 1 | 3): Uint8Array {
  if (image.channels === channels) return image.pixels;
  return channels === 3 ? grayToRgb(image.pixels) : rgbToGray(image.pixels);
}

export interface DecodedImage extends CompactPixels {
  name: string;
  /** The class folder, for a labelled set; null otherwise. */
  label: string | null;
}

/** The size a drop is decoded to: a square of the working resolution. */
export interface DropSize {
  height: number;
  width: number;
}

/** The data's own colour: RGB when any image has colour, gray when none has. */
export const channelsOf = (images: readonly CompactPixels[]): 1 | 3 => (images.some((i) => i.channels === 3) ? 3 : 1);

/** Numbers in names compare as numbers, so "10.png" follows "9.png" and class "10" follows "9". */
const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Decoded images as one set, in file-name order (so the same folder gives the same set and
 * checksum whichever order the browser listed it in). Unlabelled sets have no label names.
 * Every image must be of `size`; the set is RGB when any image has colour (gray ones become
 * R = G = B), unless `channels` fixes it (a labelled folder takes its transfer set's).
 */
export function droppedImageSet(source: string, images: DecodedImage[], labelled: boolean, size: DropSize = DROPPED_SIZE, channels: 1 | 3 = channelsOf(images)): LabelledImages {
  const sorted = [...images].sort((a, b) => byName(a.name, b.name));
  const labelNames = labelled ? [...new Set(sorted.map((i) => i.label ?? ''))].sort(byName) : [];
  if (labelNames.length > 256) throw new RangeError(`${source}: ${labelNames.length} class folders; at most 256 are supported`);
  const bytes = size.height * size.width * channels;
  const pixels = new Uint8Array(sorted.length * bytes);
  const labels = new Uint8Array(sorted.length);
  sorted.forEach((image, i) => {
    const own = withChannels(image, channels);
    if (own.length !== bytes) throw new RangeError(`${image.name}: ${own.length} bytes decoded, ${bytes} expected for ${size.height} × ${size.width} × ${channels}`);
    pixels.set(own, i * bytes);
    labels[i] = labelled ? labelNames.indexOf(image.label ?? '') : 0;
  });
  return { source, height: size.height, width: size.width, channels, count: sorted.length, pixels, labels, labelNames };
}
