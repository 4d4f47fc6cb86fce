/**
 * The built-in data sets: official MNIST and Fashion-MNIST IDX files (28 x 28 gray), and
 * `emoji`, built by `npm run data` from npm's emoji artwork (32 x 32 RGB, docs/data.md).
 */
export type DataSetId = 'mnist' | 'fashion-mnist' | 'emoji';
export type Split = 'train' | 'test';

export interface DataSetFiles {
  images: string;
  labels: string;
  /** A 1-d IDX of each image's style (for emoji: the vendor who drew it), indices into styleNames. */
  styles?: string;
}

export interface DataSetInfo {
  id: DataSetId;
  title: string;
  labelNames: string[];
  /** Height and width of every image, in pixels (src/node/dataSetShapes.test.ts checks the prepared files). */
  side: number;
  /** 1 for gray, 3 for RGB (height-width-channel order in the IDX file). */
  channels: 1 | 3;
  /** Names of the visual styles, where the data set records one per image. */
  styleNames?: string[];
  files: Record<Split, DataSetFiles>;
}

const idxFiles = {
  train: { images: 'train-images-idx3-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz' },
  test: { images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
};

export const dataSets: Record<DataSetId, DataSetInfo> = {
  mnist: {
    id: 'mnist',
    title: 'MNIST digits',
    labelNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    side: 28,
    channels: 1,
    files: idxFiles,
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST',
    labelNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    side: 28,
    channels: 1,
    files: idxFiles,
  },
  emoji: {
    id: 'emoji',
    title: 'Emoji (Noto and Twemoji art, colour)',
    // The order of scripts/emoji/emojiCatalogue.ts's classes, which wrote the labels.
    labelNames: ['face', 'person-role', 'animal-mammal', 'animal-bird', 'animal-marine', 'plant', 'fruit-vegetable', 'food-prepared', 'drink', 'transport-ground'],
    side: 32,
    channels: 3,
    styleNames: ['google', 'twitter'],
    files: {
      train: { images: 'train-images-idx4-ubyte.gz', labels: 'train-labels-idx1-ubyte.gz', styles: 'train-vendors-idx1-ubyte.gz' },
      test: { images: 'test-images-idx4-ubyte.gz', labels: 'test-labels-idx1-ubyte.gz', styles: 'test-vendors-idx1-ubyte.gz' },
    },
  },
};

export function isDataSetId(value: string): value is DataSetId {
  return Object.hasOwn(dataSets, value);
}
