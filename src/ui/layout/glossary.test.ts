import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossary, glossaryTitle, type GlossaryEntry, type GlossaryKey } from './glossary';

const methodDoc = readFileSync(new URL('../../../docs/method.md', import.meta.url), 'utf8');
const headings = new Set(methodDoc.split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '').trim()));
const entries = Object.entries(glossary) as [GlossaryKey, GlossaryEntry][];

describe('glossary', () => {
  it('explains every term the issue names as jargon', () => {
    const terms = entries.map(([, e]) => e.term.toLowerCase());
    for (const jargon of ['soft targets', 'intra-model contrastive', 'inter-model contrastive', 'sample-level alignment', 'common space', 'tau', 'pseudo-label', 'silhouette', 'intra/inter ratio', 'load in worker', 'webgpu skipped: fallback adapter only']) {
      expect(terms.some((t) => t.includes(jargon)), jargon).toBe(true);
    }
  });

  it('points only at headings docs/method.md has', () => {
    for (const [key, entry] of entries) if (entry.doc) expect(headings.has(entry.doc), `${key}: "${entry.doc}"`).toBe(true);
  });

  it('keeps each entry short enough to read in a hover', () => {
    for (const [key, entry] of entries) {
      expect(entry.plain.length, key).toBeGreaterThan(40);
      expect(entry.plain.length, key).toBeLessThan(400);
    }
  });

  it('puts the formula after the words in the hover title', () => {
    expect(glossaryTitle('pseudoLabel')).toBe(`${glossary.pseudoLabel.plain} ${glossary.pseudoLabel.formula}`);
    expect(glossaryTitle('loadInWorker')).toBe(glossary.loadInWorker.plain);
  });
});
