import { describe, expect, it } from 'vitest';
import { readModelArtifacts } from '../core/teachers/modelArtifacts';
import { modelFilesFromDir, teachersRoot } from '../node/teacherFiles';
import path from 'node:path';
import { fakeFetch } from './fakeServer.testutil';
import { fetchModelFiles } from './teacherFiles';
import { fetchTeacherIndex, fetchTeacherMetadata, requireShipped } from './teacherZoo';

const ID = 'mnist-0-4';

describe('fetchModelFiles', () => {
  it('gives the core loader what modelFilesFromDir gives it', async () => {
    const fetched = await readModelArtifacts(await fetchModelFiles(ID, fakeFetch()));
    const disk = await readModelArtifacts(modelFilesFromDir(path.join(teachersRoot, ID)));
    expect(fetched.weightSpecs).toEqual(disk.weightSpecs);
    expect(new Uint8Array(fetched.weightData as ArrayBuffer)).toEqual(new Uint8Array(disk.weightData as ArrayBuffer));
  });

  it('reads a missing shard as undefined, so the core loader says missing-shard', async () => {
    for (const served of [{ status: 404 }, { html: true as const }]) {
      const files = await fetchModelFiles(ID, fakeFetch({ [`teachers/${ID}/weights.bin`]: served }));
      expect(await files.readWeights('weights.bin')).toBeUndefined();
      await expect(readModelArtifacts(files)).rejects.toMatchObject({ code: 'missing-shard' });
    }
  });

  it('fails with fetch-failed when model.json is not served, and on server errors for shards', async () => {
    await expect(fetchModelFiles('nope', fakeFetch())).rejects.toMatchObject({
      code: 'fetch-failed',
      message: 'GET /teachers/nope/model.json: HTTP 404 Not Found',
    });
    const files = await fetchModelFiles(ID, fakeFetch({ [`teachers/${ID}/weights.bin`]: { status: 500 } }));
    await expect(files.readWeights('./weights.bin')).rejects.toMatchObject({ code: 'fetch-failed' });
  });
});

describe('teacher zoo', () => {
  it('reads the index and validated metadata', async () => {
    const server = fakeFetch({ 'teachers/index.json': JSON.stringify({ teachers: [ID] }) });
    expect(await fetchTeacherIndex(server)).toEqual([ID]);
    const metadata = await fetchTeacherMetadata(ID, server);
    expect(metadata).toMatchObject({ id: ID, labels: ['0', '1', '2', '3', '4'], provenance: { dataSet: 'mnist' } });
  });

  it('says to train the zoo when index.json is not served, and rejects a malformed one', async () => {
    await expect(fetchTeacherIndex(fakeFetch({ 'teachers/index.json': { html: true } }))).rejects.toMatchObject({
      code: 'fetch-failed',
      message: expect.stringContaining('run `npm run teachers`'),
    });
    await expect(fetchTeacherIndex(fakeFetch({ 'teachers/index.json': '{"teachers": "mnist"}' }))).rejects.toMatchObject({
      code: 'bad-json',
    });
  });

  it('names the shipped ids when an id is unknown', () => {
    expect(() => requireShipped('a', ['a', 'b'])).not.toThrow();
    expect(() => requireShipped('zz', ['a', 'b'])).toThrow("no shipped teacher has the id 'zz' (shipped: a, b)");
    expect(() => requireShipped('zz', [])).toThrow('(shipped: none)');
  });
});
