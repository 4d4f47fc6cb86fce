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
  /** Each image's visual style (an index into styleNames), where the data set records one. */
  styles?: Uint8Array;
  styleNames?: string[];
}

/** Reads one named data file as bytes: from disk in Node, by fetch in the browser. */
export type ReadDataFile = (dataSet: DataSetId, fileName: string) => Promise<Uint8Array>;

/** Image dims of a 3-d (count, h, w) gray or 4-d (count, h, w, c) IDX file. */
function imageDims(dims: number[]): { count: number; height: number; width: number; channels: number } | undefined {
  if (dims.length === 3) return { count: dims[0], height: dims[1], width: dims[2], channels: 1 };
  if (dims.length === 4 && (dims[3] === 1 || dims[3] === 3)) return { count: dims[0], height: dims[1], width: dims[2], channels: dims[3] };
  return undefined;
}

async function readStyles(id: DataSetId, split: Split, read: ReadDataFile, count: number): Promise<Pick<LabelledImages, 'styles' | 'styleNames'>> {
  const info = dataSets[id];
  const file = info.files[split].styles;
  if (!file || !info.styleNames) return {};
  const styles = await read(id, file).then(readIdx);
  if (styles.dims.length !== 1 || styles.dims[0] !== count) throw new Error(`${id}/${split}: styles ${JSON.stringify(styles.dims)} do not match ${count} images`);
  return { styles: styles.data, styleNames: info.styleNames };
}

export async function loadLabelledImages(id: DataSetId, split: Split, read: ReadDataFile): Promise<LabelledImages> {
  const files = dataSets[id].files[split];
  const [images, labels] = await Promise.all([read(id, files.images).then(readIdx), read(id, files.labels).then(readIdx)]);
  const dims = imageDims(images.dims);
  if (!dims || labels.dims.length !== 1 || labels.dims[0] !== dims.count) {
    throw new Error(`${id}/${split}: images ${JSON.stringify(images.dims)} and labels ${JSON.stringify(labels.dims)} do not match`);
  }
  if (dims.channels !== dataSets[id].channels) throw new Error(`${id}/${split}: images have ${dims.channels} channels, the data set ${dataSets[id].channels}`);
  return {
    source: `${id}/${split}`,
    ...dims,
    pixels: images.data,
    labels: labels.data,
    labelNames: dataSets[id].labelNames,
    ...(await readStyles(id, split, read, dims.count)),
  };
}

/** Keeps only the samples whose label is in `classes` (labels keep their original ids). */
export function selectClasses(set: LabelledImages, classes: readonly number[]): LabelledImages {
  const keep = new Set(classes);
  const indices: number[] = [];
  for (let i = 0; i < set.count; i++) if (keep.has(set.labels[i])) indices.push(i);
  return takeSamples(set, indices, `${set.source}[${classes.join(',')}]`);
}

/** Keeps only the images drawn in the named styles (e.g. one emoji vendor, for a teacher of that style). */
export function selectStyles(set: LabelledImages, names: readonly string[]): LabelledImages {
  if (!set.styles || !set.styleNames) throw new Error(`${set.source} records no styles, so it cannot keep only ${names.join(', ')}`);
  const unknown = names.filter((n) => !set.styleNames!.includes(n));
  if (unknown.length > 0) throw new Error(`${set.source} has no style ${unknown.join(', ')} (it has ${set.styleNames.join(', ')})`);
  const keep = new Set(names.map((n) => set.styleNames!.indexOf(n)));
  const indices: number[] = [];
  for (let i = 0; i < set.count; i++) if (keep.has(set.styles[i])) indices.push(i);
  return takeSamples(set, indices, `${set.source}{${names.join(',')}}`);
}

export function takeSamples(set: LabelledImages, indices: ArrayLike<number>, source = set.source): LabelledImages {
  const size = set.height * set.width * set.channels;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  const styles = set.styles && new Uint8Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j];
    pixels.set(set.pixels.subarray(i * size, (i + 1) * size), j * size);
    labels[j] = set.labels[i];
    if (styles) styles[j] = set.styles![i];
  }
  return { ...set, source, count: indices.length, pixels, labels, ...(styles ? { styles } : {}) };
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
  // Styles only mean something within one data set: a mix drops them.
  const { styles: _styles, styleNames: _names, ...rest } = a;
  return {
    ...rest,
    source: `${a.source}+${b.source}`,
    count: a.count + b.count,
    pixels,
    labels,
    labelNames: [...a.labelNames, ...b.labelNames],
  };
}
