import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The page must never pull in tfjs (it is megabytes, and training belongs to the worker):
 * follows every value import from main.tsx, transitively; `import type` is erased by the
 * compiler and is allowed. The worker is reached through `new Worker(new URL(...))`, not an
 * import, so it is not followed.
 */
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => existsSync(f) && f.match(/\.tsx?$/)) ?? null;
}

/** Every package the page's code imports as a value, with one file that does. */
function pagePackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
      if (!spec.startsWith('.')) packages.set(spec, path.relative(process.cwd(), file));
      // Stylesheets and Vite asset imports (`?url`, `?raw`) carry no code to follow.
      else if (!spec.endsWith('.css') && !spec.includes('?')) queue.push(resolve(file, spec) ?? `${spec} (unresolved, from ${file})`);
    }
  }
  return packages;
}

describe('the page bundle', () => {
  it('imports no tfjs, directly or through anything it imports', () => {
    const packages = pagePackages(path.resolve('src/main.tsx'));
    expect(packages.has('react')).toBe(true); // the walk really reached the app
    expect(packages.has('recharts')).toBe(true);
    const tf = [...packages].filter(([name]) => name.startsWith('@tensorflow/'));
    expect(tf, tf.map(([name, file]) => `${file} imports ${name}`).join('\n')).toEqual([]);
  });

  it('would see a value import of tfjs in a file it reaches', () => {
    expect('import * as tf from "@tensorflow/tfjs";'.match(VALUE_IMPORT)).not.toBeNull();
    expect("import type { Tensor } from '@tensorflow/tfjs';".match(VALUE_IMPORT)).toBeNull();
    expect("import { cap, type X } from '../core/method/embeddingSnapshot';".match(VALUE_IMPORT)).not.toBeNull();
  });
});
