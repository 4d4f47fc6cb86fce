import { describe, expect, it } from 'vitest';
import { fakeFetch } from './fakeServer.testutil';
import { fetchJson, fetchRequired, fetchStatic, StaticFileError, staticUrl } from './staticFiles';

describe('static files', () => {
  it('joins the base and the path whether or not the base ends in a slash', () => {
    expect(staticUrl('data/mnist/x.gz', { base: '/' })).toBe('/data/mnist/x.gz');
    expect(staticUrl('data/mnist/x.gz', { base: '/studio' })).toBe('/studio/data/mnist/x.gz');
    expect(staticUrl('teachers/index.json', { base: '/studio/' })).toBe('/studio/teachers/index.json');
  });

  it("reads an SPA server's HTML fallback for a missing file as a 404", async () => {
    const server = fakeFetch({ 'teachers/gone.json': { html: true }, 'page.html': { html: true } });
    expect((await fetchStatic('teachers/gone.json', server)).status).toBe(404);
    expect((await fetchStatic('page.html', server)).status).toBe(200);
    await expect(fetchRequired('teachers/gone.json', server)).rejects.toThrow(/\/teachers\/gone\.json: HTTP 404/);
  });

  it('names the URL when the network fails or the JSON is bad', async () => {
    const offline = { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch, base: '/' };
    await expect(fetchStatic('x.json', offline)).rejects.toMatchObject({
      code: 'fetch-failed',
      message: 'GET /x.json failed: Failed to fetch',
    });
    const server = fakeFetch({ 'x.json': '{not json' });
    const error = await fetchJson('x.json', server).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaticFileError);
    expect(error).toMatchObject({ code: 'bad-json', message: expect.stringMatching(/^\/x\.json is not valid JSON/) });
  });
});
