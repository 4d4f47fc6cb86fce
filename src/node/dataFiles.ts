import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReadDataFile } from '../core/data/labelledImages';

export const dataRoot = path.resolve(process.env.CKA_DATA_DIR ?? 'public/data');

/** Reads the files that `npm run data` prepared under public/data/. */
export const readDataFileFromDisk: ReadDataFile = async (dataSet, fileName) => {
  const file = path.join(dataRoot, dataSet, fileName);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run data\` first`);
  return new Uint8Array(readFileSync(file));
};
