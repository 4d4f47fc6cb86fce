/**
 * Test-only models shaped like the foreign teachers the studio meets: a Teachable Machine
 * export (a Sequential of two nested Sequentials, softmax inside the head, [-1, 1] input)
 * and a plain Keras classifier whose representation is a Dense layer under Dropout. Each
 * can be written as the files a user would drop.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedBytes } from './droppedFiles';

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

/** TM's layout: a base model (conv + global pooling) and a head (Dense, Dense softmax), nested. */
export function tmShapedModel(size = 32, classes = 3): tf.Sequential {
  const base = tf.sequential({ name: 'sequential_1' });
  base.add(tf.layers.conv2d({ inputShape: [size, size, 3], filters: 6, kernelSize: 4, strides: 4, activation: 'relu', kernelInitializer: init(1), name: 'conv_pw_13' }));
  base.add(tf.layers.globalAveragePooling2d({ name: 'global_average_pooling2d_1' }));
  const head = tf.sequential({ name: 'sequential_3' });
  head.add(tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu', kernelInitializer: init(2), name: 'dense_Dense1' }));
  head.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init(3), name: 'dense_Dense2' }));
  const model = tf.sequential({ name: 'sequential_4' });
  model.add(base);
  model.add(head);
  return model;
}

/** A plain classifier: conv, flatten, Dense "embedding", Dropout, Dense logits (or softmax). */
export function plainModel(name: string, softmax: boolean, classes = 5): tf.LayersModel {
  const model = tf.sequential({ name });
  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 5, strides: 3, activation: 'relu', kernelInitializer: init(4), name: 'conv' }));
  model.add(tf.layers.flatten({ name: 'flatten' }));
  model.add(tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(5), name: 'embedding' }));
  model.add(tf.layers.dropout({ rate: 0.3, name: 'dropout' }));
  model.add(tf.layers.dense({ units: classes, activation: softmax ? 'softmax' : 'linear', kernelInitializer: init(6), name: 'out' }));
  return model;
}

const encoder = new TextEncoder();

/** The model as dropped files: model.json + weights.bin, and a metadata.json when given. */
export async function modelAsFiles(model: tf.LayersModel, metadata?: object, folder = ''): Promise<NamedBytes[]> {
  let files: NamedBytes[] = [];
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const json = { format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }] };
      files = [
        { name: `${folder}model.json`, bytes: encoder.encode(JSON.stringify(json)).buffer as ArrayBuffer },
        { name: `${folder}weights.bin`, bytes: (a.weightData as ArrayBuffer).slice(0) },
      ];
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (metadata) files.push({ name: `${folder}metadata.json`, bytes: encoder.encode(JSON.stringify(metadata)).buffer as ArrayBuffer });
  return files;
}

/** A Teachable Machine image export's metadata.json for these labels. */
export const tmMetadata = (labels: string[], imageSize: number) => ({
  tfjsVersion: '1.3.1',
  tmVersion: '2.4.7',
  packageVersion: '0.8.4',
  packageName: '@teachablemachine/image',
  timeStamp: '2026-11-28T00:00:00.000Z',
  userMetadata: {},
  modelName: 'tm-my-image-model',
  labels,
  imageSize,
});
