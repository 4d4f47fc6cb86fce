import path from 'node:path';
import type { RunConfig } from '../src/core/method/config';
import { loadRunData } from '../src/core/method/runData';
import { runAmalgamation, type RunRecord } from '../src/core/method/runAmalgamation';
import { readDataFileFromDisk } from '../src/node/dataFiles';
import { loadTeacherFromDir, teachersRoot } from '../src/node/teacherFiles';
import { useNodeBackend } from '../src/node/wasmBackend';

/**
 * What `npm run amalgamate` computes for `config`, in-process (as e2e/bench/nodeReference.ts
 * does for one step): the same core, teachers, data and wasm backend as the CLI, so the
 * studio's journey can be held to the CLI's numbers without spawning it.
 */
export async function nodeRunReference(config: RunConfig): Promise<RunRecord> {
  const backend = await useNodeBackend('wasm');
  const teachers = await Promise.all(config.teachers.map((id) => loadTeacherFromDir(path.join(teachersRoot, id))));
  try {
    const { train, test } = await loadRunData(config.data, readDataFileFromDisk);
    return await runAmalgamation({ config, teachers, train, test, backend });
  } finally {
    teachers.forEach((t) => t.dispose());
  }
}

/** The CLI command that gives the same numbers, for the test's log. */
export const cliCommand = (c: RunConfig): string =>
  `npm run amalgamate -- --preset ${c.preset} --teachers ${c.teachers.join(',')} --data ${c.data} --seed ${c.seed} --transfer-limit ${c.transferLimit} --epochs ${c.epochs}`;
