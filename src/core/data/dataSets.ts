/** The built-in data sets: official MNIST and Fashion-MNIST IDX files. */
export type DataSetId = 'mnist' | 'fashion-mnist';
export type Split = 'train' | 'test';

export interface DataSetInfo {
  id: DataSetId;
  title: string;
  labelNames: string[];
  files: Record<Split, { images: string; labels: string }>;
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
    files: idxFiles,
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST',
    labelNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    files: idxFiles,
  },
};

export function isDataSetId(value: string): value is DataSetId {
  return Object.hasOwn(dataSets, value);
}
