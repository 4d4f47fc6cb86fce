import type { LabelledImages } from './labelledImages';

/** The shape dropped images are decoded to when nothing asks for more: MNIST's, 28 x 28 gray. */
export const DROPPED_SIZE = { height: 28, width: 28, channels: 1 } as const;

/** The working shape of a dropped set: one of WORKING_SIZES, gray or RGB. */
export interface WorkingShape {
  height: number;
  width: number;
  channels: 1 | 3;
}

/** The sides a drop may be decoded at; 128 caps it (a 224 px teacher gets its input upscaled from 128). */
export const WORKING_SIZES = [28, 32, 64, 96, 128] as const;

/** Above this many bytes of pixels a drop is refused (a tab's memory runs out near a few GB). */
export const DROPPED_BYTES_CAP = 1024 ** 3;

/**
 * The working shape for teachers of these inputs. Gray teachers only: 28 x 28 gray, as the
 * studio always decoded drops (MNIST's shape; the 32 px LeNet teachers take 28 px digits
 * upscaled, as they do from the built-in sets). Any colour teacher: colour, at the smallest
 * working size that holds the largest teacher input (capped at 128), so no teacher sees its
 * images upscaled from less than it could use.
 */
export function workingShape(inputs: readonly { height: number; width: number; channels: number }[]): WorkingShape {
  if (!inputs.some((i) => i.channels === 3)) return { ...DROPPED_SIZE };
  const side = Math.max(...inputs.map((i) => Math.max(i.height, i.width)));
  const size = WORKING_SIZES.find((s) => s >= side) ?? WORKING_SIZES[WORKING_SIZES.length - 1];
  return { height: size, width: size, channels: 3 };
}

/** What `count` images of `shape` hold in bytes, and the refusal when that passes the cap. */
export function droppedBytes(count: number, shape: WorkingShape): { bytes: number; refusal: string | null } {
  const bytes = count * shape.height * shape.width * shape.channels;
  const mb = (n: number) => `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MB`;
  const refusal =
    bytes > DROPPED_BYTES_CAP
      ? `${count.toLocaleString('en-US')} images at ${shape.height} × ${shape.width} × ${shape.channels} would take ${mb(bytes)}, more than the ${mb(DROPPED_BYTES_CAP)} a drop may hold: drop fewer images, or pick teachers of a smaller input`
      : null;
  return { bytes, refusal };
}

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

/** RGBA to RGB bytes; transparent pixels fade to black, as in toGrayscale. */
export function toRgb(rgba: Uint8ClampedArray | Uint8Array): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0; i < rgba.length / 4; i++) {
    const a = rgba[4 * i + 3];
    for (let c = 0; c < 3; c++) out[3 * i + c] = a === 255 ? rgba[4 * i + c] : Math.round((rgba[4 * i + c] * a) / 255);
  }
  return out;
}

export interface DecodedImage {
  name: string;
  /** Bytes of the set's working shape (gray or RGB, height-width-channel). */
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
export function droppedImageSet(source: string, images: DecodedImage[], labelled: boolean, shape: WorkingShape = DROPPED_SIZE): LabelledImages {
  const sorted = [...images].sort((a, b) => byName(a.name, b.name));
  const labelNames = labelled ? [...new Set(sorted.map((i) => i.label ?? ''))].sort(byName) : [];
  if (labelNames.length > 256) throw new RangeError(`${source}: ${labelNames.length} class folders; at most 256 are supported`);
  const size = shape.height * shape.width * shape.channels;
  const pixels = new Uint8Array(sorted.length * size);
  const labels = new Uint8Array(sorted.length);
  sorted.forEach((image, i) => {
    if (image.pixels.length !== size) throw new RangeError(`${image.name}: ${image.pixels.length} bytes, not the ${size} of ${shape.height} x ${shape.width} x ${shape.channels}`);
    pixels.set(image.pixels, i * size);
    labels[i] = labelled ? labelNames.indexOf(image.label ?? '') : 0;
  });
  return { source, height: shape.height, width: shape.width, channels: shape.channels, count: sorted.length, pixels, labels, labelNames };
}
