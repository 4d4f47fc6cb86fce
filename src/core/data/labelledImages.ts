import { readIdx } from './idx';
import { dataSets, type DataSetId, type Split } from './dataSets';

/**
 * Images with their labels, as loaded. Training never sees this type: it gets an
 * unlabelled TransferSet (transferSet.ts); the labels go to evaluation only.
 */
export interface LabelledImages {
  source: string;
  height: number;
  width: number;
  channels: number;
  count: number;
  /** uint8 pixels, row-major [count, height, width, channels]. */
  pixels: Uint8Array;
  labels: Uint8Array;
  labelNames: string[];
}

/** Reads one named data file as bytes: from disk in Node, by fetch in the browser. */
export type ReadDataFile = (dataSet: DataSetId, fileName: string) => Promise<Uint8Array>;

export async function loadLabelledImages(id: DataSetId, split: Split, read: ReadDataFile): Promise<LabelledImages> {
  const files = dataSets[id].files[split];
  const [images, labels] = await Promise.all([read(id, files.images).then(readIdx), read(id, files.labels).then(readIdx)]);
  const [count, height, width] = images.dims;
  if (images.dims.length !== 3 || labels.dims.length !== 1 || labels.dims[0] !== count) {
    throw new Error(`${id}/${split}: images ${JSON.stringify(images.dims)} and labels ${JSON.stringify(labels.dims)} do not match`);
  }
  return {
    source: `${id}/${split}`,
    height,
    width,
    channels: 1,
    count,
    pixels: images.data,
    labels: labels.data,
    labelNames: dataSets[id].labelNames,
  };
}

/** Keeps only the samples whose label is in `classes` (labels keep their original ids). */
export function selectClasses(set: LabelledImages, classes: readonly number[]): LabelledImages {
  const keep = new Set(classes);
  const indices: number[] = [];
  for (let i = 0; i < set.count; i++) if (keep.has(set.labels[i])) indices.push(i);
  return takeSamples(set, indices, `${set.source}[${classes.join(',')}]`);
}

export function takeSamples(set: LabelledImages, indices: ArrayLike<number>, source = set.source): LabelledImages {
  const size = set.height * set.width * set.channels;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    pixels.set(set.pixels.subarray(i * size, (i + 1) * size), j * size);
    labels[j] = set.labels[i];
  }
  return { ...set, source, count: indices.length, pixels, labels };
}

/**
 * Joins two sets of the same image size into one stream; the second set's labels are
 * shifted past the first's so that, e.g., MNIST-10 + Fashion-10 gives 20 classes.
 */
export function concatLabelledImages(a: LabelledImages, b: LabelledImages): LabelledImages {
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    throw new Error(`cannot mix ${a.source} and ${b.source}: image sizes differ`);
  }
  const offset = a.labelNames.length;
  const labels = new Uint8Array(a.count + b.count);
  labels.set(a.labels);
  for (let i = 0; i < b.count; i++) labels[a.count + i] = b.labels[i] + offset;
  const pixels = new Uint8Array(a.pixels.length + b.pixels.length);
  pixels.set(a.pixels);
  pixels.set(b.pixels, a.pixels.length);
  return {
    ...a,
    source: `${a.source}+${b.source}`,
    count: a.count + b.count,
    pixels,
    labels,
    labelNames: [...a.labelNames, ...b.labelNames],
  };
}
