import { describe, expect, it } from 'vitest';
import { fakeFetch } from '../../browser/fakeServer.testutil';
import { servedSources } from './teacherSources';

const labels = 't10k-labels-idx1-ubyte.gz';

describe('servedSources', () => {
  it('fetches each data file once and hands every caller the same bytes', async () => {
    const server = fakeFetch();
    const sources = servedSources(server);
    const [a, b] = await Promise.all([sources.readData('mnist', labels), sources.readData('mnist', labels)]);
    const c = await sources.readData('mnist', labels);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(server.requested.filter((url) => url.endsWith(labels))).toHaveLength(1);
  });

  it('forgets a failed fetch, so the next read tries again', async () => {
    const server = fakeFetch({ [`data/mnist/${labels}`]: { status: 503 } });
    const sources = servedSources(server);
    await expect(sources.readData('mnist', labels)).rejects.toThrow();
    await expect(sources.readData('mnist', labels)).rejects.toThrow();
    expect(server.requested.filter((url) => url.endsWith(labels))).toHaveLength(2);
  });
});
