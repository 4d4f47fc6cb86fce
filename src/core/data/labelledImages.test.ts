import { describe, expect, it } from 'vitest';
import { concatLabelledImages, loadLabelledImages, selectClasses, selectStyles, type ReadDataFile } from './labelledImages';
import { dataSets } from './dataSets';

/** An IDX file: magic 0 0 8 rank, big-endian dims, then the bytes. */
function idx(dims: number[], body: ArrayLike<number>): Uint8Array {
  const header = [0, 0, 0x08, dims.length, ...dims.flatMap((d) => [(d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])];
  return Uint8Array.from([...header, ...Array.from(body)]);
}

/** A reader serving made-up files by name, the way public/data/<set>/ would. */
function reader(files: Record<string, Uint8Array>): ReadDataFile {
  return async (_set, name) => {
    if (!files[name]) throw new Error(`no ${name}`);
    return files[name];
  };
}

const emojiFiles = dataSets.emoji.files.train;

describe('loadLabelledImages', () => {
  it('reads 4-d (count, h, w, 3) colour images, their labels and their styles', async () => {
    const pixels = Array.from({ length: 3 * 2 * 2 * 3 }, (_, i) => i);
    const set = await loadLabelledImages(
      'emoji',
      'train',
      reader({ [emojiFiles.images]: idx([3, 2, 2, 3], pixels), [emojiFiles.labels]: idx([3], [0, 4, 9]), [emojiFiles.styles!]: idx([3], [1, 0, 1]) }),
    );
    expect([set.count, set.height, set.width, set.channels]).toEqual([3, 2, 2, 3]);
    expect(Array.from(set.pixels)).toEqual(pixels);
    expect(Array.from(set.styles!)).toEqual([1, 0, 1]);
    expect(set.labelNames).toBe(dataSets.emoji.labelNames);

    const twitter = selectStyles(set, ['twitter']);
    expect(Array.from(twitter.labels)).toEqual([0, 9]);
    expect(Array.from(twitter.pixels.subarray(12, 24))).toEqual(pixels.slice(24, 36));
    expect(Array.from(selectClasses(set, [4]).styles!)).toEqual([0]);
    expect(() => selectStyles(set, ['apple'])).toThrow(/no style apple/);
  });

  it('still reads 3-d gray files, and refuses channels the data set does not have', async () => {
    const mnist = dataSets.mnist.files.test;
    const gray = await loadLabelledImages('mnist', 'test', reader({ [mnist.images]: idx([2, 1, 2], [1, 2, 3, 4]), [mnist.labels]: idx([2], [7, 8]) }));
    expect([gray.count, gray.height, gray.width, gray.channels, gray.styles]).toEqual([2, 1, 2, 1, undefined]);
    await expect(loadLabelledImages('mnist', 'test', reader({ [mnist.images]: idx([1, 1, 1, 3], [1, 2, 3]), [mnist.labels]: idx([1], [0]) }))).rejects.toThrow(/3 channels/);
    const files = { [emojiFiles.images]: idx([2, 1, 1, 3], [1, 2, 3, 4, 5, 6]), [emojiFiles.labels]: idx([2], [0, 1]), [emojiFiles.styles!]: idx([1], [0]) };
    await expect(loadLabelledImages('emoji', 'train', reader(files))).rejects.toThrow(/styles/);
    expect(() => selectStyles(gray, ['google'])).toThrow(/records no styles/);
  });

  it('drops styles when two data sets are joined', async () => {
    const set = await loadLabelledImages('emoji', 'train', reader({ [emojiFiles.images]: idx([1, 1, 1, 3], [1, 2, 3]), [emojiFiles.labels]: idx([1], [2]), [emojiFiles.styles!]: idx([1], [0]) }));
    const joined = concatLabelledImages(set, set);
    expect(joined.styles).toBeUndefined();
    expect(Array.from(joined.labels)).toEqual([2, 12]);
  });
});
