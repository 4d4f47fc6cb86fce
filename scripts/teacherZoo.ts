import type { ArchitectureId } from '../src/core/teachers/architectures';
import type { DataSetId } from '../src/core/data/dataSets';

/** The shipped teachers: experts on parts of MNIST, Fashion-MNIST and the colour emoji set, of mixed architectures. */
export interface ZooEntry {
  id: string;
  title: string;
  dataSet: DataSetId;
  classes: number[];
  architecture: ArchitectureId;
  epochs: number;
  seed: number;
  /** Also trained to be unsure on this data set's images (src/core/teachers/trainClassifier.ts). */
  outlierExposure?: { dataSet: DataSetId; weight: number };
  /** Mirror half of each batch (src/core/teachers/trainClassifier.ts): for the small emoji set. */
  mirror?: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const teacherZoo: ZooEntry[] = [
  { id: 'mnist-0-4', title: 'MNIST digits 0–4', dataSet: 'mnist', classes: range(0, 4), architecture: 'cnn-small', epochs: 3, seed: 1 },
  { id: 'mnist-5-9', title: 'MNIST digits 5–9', dataSet: 'mnist', classes: range(5, 9), architecture: 'lenet5', epochs: 3, seed: 2 },
  { id: 'fashion-0-4', title: 'Fashion 0–4 (tops, trousers, dresses, coats)', dataSet: 'fashion-mnist', classes: range(0, 4), architecture: 'cnn-wide', epochs: 4, seed: 3 },
  { id: 'fashion-5-9', title: 'Fashion 5–9 (shoes, shirts, bags)', dataSet: 'fashion-mnist', classes: range(5, 9), architecture: 'lenet5', epochs: 4, seed: 4 },
  { id: 'mnist-all', title: 'MNIST all digits', dataSet: 'mnist', classes: range(0, 9), architecture: 'cnn-wide', epochs: 2, seed: 5 },
  { id: 'fashion-all', title: 'Fashion-MNIST all classes', dataSet: 'fashion-mnist', classes: range(0, 9), architecture: 'cnn-wide', epochs: 3, seed: 6 },
  { id: 'mnist-0-3', title: 'MNIST digits 0–3', dataSet: 'mnist', classes: range(0, 3), architecture: 'mlp', epochs: 4, seed: 7 },
  { id: 'mnist-3-6', title: 'MNIST digits 3–6', dataSet: 'mnist', classes: range(3, 6), architecture: 'cnn-small', epochs: 3, seed: 8 },
  // The MNIST halves again, trained with Fashion-MNIST images as outliers: their combined
  // targets are right on 96 % of MNIST test digits instead of 88 % (docs/results.md).
  { id: 'mnist-0-4-oe', title: 'MNIST digits 0–4, unsure on other images', dataSet: 'mnist', classes: range(0, 4), architecture: 'cnn-small', epochs: 2, seed: 1, outlierExposure: { dataSet: 'fashion-mnist', weight: 0.5 } },
  { id: 'mnist-5-9-oe', title: 'MNIST digits 5–9, unsure on other images', dataSet: 'mnist', classes: range(5, 9), architecture: 'lenet5', epochs: 2, seed: 2, outlierExposure: { dataSet: 'fashion-mnist', weight: 0.5 } },
  { id: 'mnist-6-9', title: 'MNIST digits 6–9', dataSet: 'mnist', classes: range(6, 9), architecture: 'lenet5', epochs: 3, seed: 9 },
  // Colour, 32 x 32 RGB (docs/data.md): a disjoint pair (faces, people, animals | plants, food,
  // drink, vehicles) and an overlapping trio sharing classes 3 and 6, on two architectures.
  // A half has only 160-570 training images (3-9 steps of 64 an epoch), so epochs are set for
  // about 250-300 steps each.
  { id: 'emoji-0-4', title: 'Emoji: faces, people, mammals, birds, sea life', dataSet: 'emoji', classes: range(0, 4), architecture: 'resnet-mini', epochs: 30, seed: 21, mirror: true },
  { id: 'emoji-5-9', title: 'Emoji: plants, fruit and vegetables, dishes, drinks, vehicles', dataSet: 'emoji', classes: range(5, 9), architecture: 'vgg-mini', epochs: 60, seed: 22, mirror: true },
  { id: 'emoji-0-3', title: 'Emoji: faces, people, mammals, birds', dataSet: 'emoji', classes: range(0, 3), architecture: 'vgg-mini', epochs: 30, seed: 23, mirror: true },
  { id: 'emoji-3-6', title: 'Emoji: birds, sea life, plants, fruit and vegetables', dataSet: 'emoji', classes: range(3, 6), architecture: 'resnet-mini', epochs: 80, seed: 24, mirror: true },
  { id: 'emoji-6-9', title: 'Emoji: fruit and vegetables, dishes, drinks, vehicles', dataSet: 'emoji', classes: range(6, 9), architecture: 'vgg-mini', epochs: 60, seed: 25, mirror: true },
];

/** Mean and std of the training pixels in [0, 1], the usual per-data-set normalisation. */
export const pixelStats: Record<DataSetId, { mean: number; std: number }> = {
  mnist: { mean: 0.1307, std: 0.3081 },
  'fashion-mnist': { mean: 0.286, std: 0.353 },
  // Over all three channels of the 824 training emoji (mostly white background).
  emoji: { mean: 0.7555, std: 0.2976 },
};
