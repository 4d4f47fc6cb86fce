import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readIdx } from '../core/data/idx';
import { loadLabelledImages } from '../core/data/labelledImages';
import { readDataFileFromDisk } from '../node/dataFiles';
import { fetchDataFiles } from './dataFiles';
import { fakeFetch } from './fakeServer.testutil';

/** A 2-image 2x2 IDX pair, plain. */
const images = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8]);
const labels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 3, 7]);
const testFiles = (wrap: (b: Uint8Array) => Uint8Array) => ({
  'data/mnist/t10k-images-idx3-ubyte.gz': wrap(images),
  'data/mnist/t10k-labels-idx1-ubyte.gz': wrap(labels),
});

describe('fetchDataFiles', () => {
  it('feeds the core reader gzipped bytes, or plain ones when the server undid the gzip', async () => {
    for (const wrap of [(b: Uint8Array) => new Uint8Array(gzipSync(b)), (b: Uint8Array) => b]) {
      const read = fetchDataFiles(fakeFetch(testFiles(wrap)));
      const set = await loadLabelledImages('mnist', 'test', read);
      expect(set).toMatchObject({ count: 2, height: 2, width: 2, source: 'mnist/test' });
      expect([...set.labels]).toEqual([3, 7]);
      expect([...set.pixels]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
  });

  it('reads the same bytes as the Node reader for the prepared data', async () => {
    const server = fakeFetch();
    const fetched = await fetchDataFiles(server)('mnist', 't10k-labels-idx1-ubyte.gz');
    const disk = await readDataFileFromDisk('mnist', 't10k-labels-idx1-ubyte.gz');
    expect(fetched).toEqual(disk);
    expect((await readIdx(fetched)).dims).toEqual([10000]);
    expect(server.requested).toEqual(['/data/mnist/t10k-labels-idx1-ubyte.gz']);
  });

  it('says to run `npm run data` when a file is not served (404 or an HTML fallback)', async () => {
    for (const served of [{ status: 404 }, { html: true as const }]) {
      const read = fetchDataFiles(fakeFetch({ 'data/mnist/x.gz': served }));
      await expect(read('mnist', 'x.gz')).rejects.toMatchObject({
        name: 'StaticFileError',
        code: 'data-missing',
        message: expect.stringMatching(/^\/data\/mnist\/x\.gz is not served \(HTTP 404.*\): run `npm run data`/),
      });
    }
  });
});
