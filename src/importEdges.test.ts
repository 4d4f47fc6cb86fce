import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The rooms' arrows, checked on every import statement of every source file (src, scripts,
 * e2e): the core is pure tfjs, the page never reaches tfjs, the protocol does not know the
 * worker, and nothing in src or scripts leans on the tests. pageImports.test.ts follows the
 * page's bundle from main.tsx; this one reads each file on its own, so a file nothing imports
 * yet is held to its room's rules too. `import type` counts here (a type is a dependency too)
 * except where a rule says otherwise.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Import {
  /** Repo-relative path of the importing file. */
  file: string;
  spec: string;
  typeOnly: boolean;
  /** Repo-relative target for a relative import (null for a package or an unresolved path). */
  target: string | null;
}

const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolveRelative(from: string, spec: string): string | null {
  const base = path.join(path.dirname(from), spec.replace(/\?.*$/, ''));
  // A `?raw`/`?url` asset import names a file of any kind (docs/method.md for the method panel).
  if (spec.includes('?')) return existsSync(path.join(ROOT, base)) ? base : null;
  const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => /\.(tsx?|css)$/.test(f) && existsSync(path.join(ROOT, f)));
  return found ?? null;
}

function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    found.push({ file, spec, typeOnly, target: spec.startsWith('.') ? resolveRelative(file, spec) : null });
  for (const [, type, spec] of text.matchAll(STATIC_IMPORT)) add(spec, Boolean(type));
  for (const [, spec] of text.matchAll(DYNAMIC_IMPORT)) add(spec, false);
  return found;
}

const under = (file: string | null, dir: string) => file !== null && (file === dir || file.startsWith(`${dir}/`));
/** Tests and their helpers (a fixtures module beside them) run in Node under vitest. */
const isTest = (file: string) => /\.test\.tsx?$|\.testutil\.ts$|\/testFixtures\.ts$/.test(file);
const isTfjs = (spec: string) => spec.startsWith('@tensorflow/');

/** Core files that reach tfjs through value imports (directly or through other core files). */
function tfjsReaching(all: Map<string, Import[]>): Set<string> {
  const reaching = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [file, imports] of all) {
      if (reaching.has(file)) continue;
      if (imports.some((i) => !i.typeOnly && (isTfjs(i.spec) || (i.target !== null && reaching.has(i.target))))) {
        reaching.add(file);
        grew = true;
      }
    }
  }
  return reaching;
}

type Rule = (i: Import, tfjsFiles: Set<string>) => string | null;

/** Tests in the core may read fixtures from disk with vitest, node:* and the Node glue. */
const coreOnlyTfjs: Rule = (i) => {
  if (!under(i.file, 'src/core')) return null;
  const testExtras = isTest(i.file) && (i.spec === 'vitest' || i.spec.startsWith('node:') || under(i.target, 'src/node'));
  if (testExtras) return null;
  if (i.spec.startsWith('.')) return under(i.target, 'src/core') ? null : 'the core imports only itself and tfjs';
  return isTfjs(i.spec) ? null : 'the core imports only tfjs';
};

const uiNoTraining: Rule = (i, tfjsFiles) => {
  if (!under(i.file, 'src/ui')) return null;
  if (isTfjs(i.spec)) return 'the UI never imports tfjs';
  if (!i.typeOnly && i.target !== null && tfjsFiles.has(i.target)) return 'the UI never imports core code that runs tfjs (types only)';
  return null;
};

const forbiddenTargets = (fromDir: string, dirs: string[], why: string, tests = true): Rule => (i) =>
  under(i.file, fromDir) && (tests || !isTest(i.file)) && dirs.some((d) => under(i.target, d)) ? why : null;

const RULES: Rule[] = [
  coreOnlyTfjs,
  uiNoTraining,
  forbiddenTargets('src/ui', ['src/worker', 'src/node'], 'the UI reaches the worker only through the protocol'),
  forbiddenTargets('src/protocol', ['src/worker', 'src/ui', 'src/node'], 'the protocol knows neither the worker nor the page'),
  forbiddenTargets('src/worker', ['src/ui'], 'the worker does not know the page'),
  // Its tests run in Node and may use the Node glue (the wasm backend, files on disk).
  forbiddenTargets('src/worker', ['src/node'], 'the worker runs in a browser, not Node', false),
  forbiddenTargets('scripts', ['e2e'], 'scripts never import e2e (e2e may import scripts)'),
  forbiddenTargets('src', ['scripts', 'e2e'], 'the app never imports scripts or tests'),
];

function violations(imports: Import[], tfjsFiles: Set<string>, rules: Rule[] = RULES): string[] {
  return imports.flatMap((i) => rules.map((rule) => rule(i, tfjsFiles)).filter((why) => why !== null).map((why) => `${i.file} imports ${i.spec}: ${why}`));
}

function projectImports(): Map<string, Import[]> {
  // This file is left out: its examples of forbidden imports are strings, not imports.
  const files = ['src', 'scripts', 'e2e'].flatMap(sourceFiles).filter((f) => f !== 'src/importEdges.test.ts');
  return new Map(files.map((f) => [f, importsOf(f, readFileSync(path.join(ROOT, f), 'utf8'))]));
}

describe('import edges between the rooms', () => {
  const all = projectImports();
  const tfjsFiles = tfjsReaching(all);

  it('reads every room and resolves every relative import', () => {
    for (const room of ['src/core/', 'src/ui/', 'src/protocol/', 'src/worker/', 'scripts/', 'e2e/']) {
      expect([...all.keys()].some((f) => f.startsWith(room)), room).toBe(true);
    }
    const unresolved = [...all.values()].flat().filter((i) => i.spec.startsWith('.') && i.target === null);
    expect(unresolved.map((i) => `${i.file}: ${i.spec}`)).toEqual([]);
    expect(tfjsFiles.has('src/core/method/amalgamation.ts')).toBe(true);
  });

  it('crosses no forbidden edge', () => {
    expect(violations([...all.values()].flat(), tfjsFiles)).toEqual([]);
  });

  it('would see each kind of forbidden import', () => {
    const imports = (file: string, line: string) => importsOf(file, line);
    const seen = (file: string, line: string) => violations(imports(file, line), tfjsFiles);
    expect(seen('src/core/method/x.ts', "import React from 'react';")).toHaveLength(1);
    expect(seen('src/core/method/x.ts', "import type { WorkerEvent } from '../../protocol/messages';")).toHaveLength(1);
    expect(seen('src/ui/x.ts', "import type { Tensor } from '@tensorflow/tfjs';")).toHaveLength(1);
    expect(seen('src/ui/x.ts', "import { trainStep } from '../core/method/amalgamation';")).toHaveLength(1);
    expect(seen('src/ui/x.ts', "import type { StepResult } from '../core/method/amalgamation';")).toEqual([]);
    expect(seen('src/protocol/x.ts', "import { WorkerFailure } from '../worker/failure';")).toHaveLength(1);
    expect(seen('scripts/x.ts', "import { callWorkerOk } from '../e2e/studio';")).toHaveLength(1);
    expect(seen('src/worker/x.ts', "const m = await import('../../scripts/table');")).toHaveLength(1);
  });
});
