import type { LabelledImages } from './labelledImages';

/** The size dropped images are decoded to: the built-in sets' shape, which every teacher resizes from. */
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

export interface DecodedImage {
  name: string;
  /** Gray bytes of DROPPED_SIZE. */
  pixels: Uint8Array;
  /** The class folder, for a labelled set; null otherwise. */
  label: string | null;
}

/** Numbers in names compare as numbers, so "10.png" follows "9.png" and class "10" follows "9". */
const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * Decoded images as one set, in file-name order (so the same folder gives the same set and
 * checksum whichever order the browser listed it in). Unlabelled sets have no label names.
 */
export function droppedImageSet(source: string, images: DecodedImage[], labelled: boolean): LabelledImages {
  const sorted = [...images].sort((a, b) => byName(a.name, b.name));
  const labelNames = labelled ? [...new Set(sorted.map((i) => i.label ?? ''))].sort(byName) : [];
  if (labelNames.length > 256) throw new RangeError(`${source}: ${labelNames.length} class folders; at most 256 are supported`);
  const size = DROPPED_SIZE.height * DROPPED_SIZE.width * DROPPED_SIZE.channels;
  const pixels = new Uint8Array(sorted.length * size);
  const labels = new Uint8Array(sorted.length);
  sorted.forEach((image, i) => {
    pixels.set(image.pixels, i * size);
    labels[i] = labelled ? labelNames.indexOf(image.label ?? '') : 0;
  });
  return { source, ...DROPPED_SIZE, count: sorted.length, pixels, labels, labelNames };
}
