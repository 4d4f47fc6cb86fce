import type { DroppedFile } from '../../protocol/messages';

/** A file the user gave, with its path inside what was dropped ("digits/3/a.png"). */
export interface PathedFile {
  path: string;
  file: File;
}

/** A file input's files; a folder picker (webkitdirectory) gives each its relative path. */
export function filesFromInput(list: FileList | null): PathedFile[] {
  return Array.from(list ?? [], (file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: PathedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in chunks (100 in Chromium) until it answers with none.
  for (let chunk = await readEntries(reader); chunk.length > 0; chunk = await readEntries(reader)) {
    for (const child of chunk) await walk(child, out);
  }
}

/**
 * The files of a drop, walking dropped folders. The entries must be taken before the first
 * await: the browser empties the DataTransfer once the drop handler returns.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<PathedFile[]> {
  const entries = Array.from(transfer.items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null));
  const loose = Array.from(transfer.files);
  if (entries.every((e) => e === null)) return loose.map((file) => ({ path: file.name, file }));
  const out: PathedFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, out);
  return out;
}

/** Files read at once: starting a read costs the main thread, and 10,000 started in one task held it for seconds. */
export const READ_CHUNK = 250;

/** The files' bytes, read a chunk at a time so the page's main thread gets turns in between. */
export async function readFiles(files: PathedFile[], chunk = READ_CHUNK): Promise<DroppedFile[]> {
  const out: DroppedFile[] = [];
  for (let i = 0; i < files.length; i += chunk) {
    const part = files.slice(i, i + chunk);
    out.push(...(await Promise.all(part.map(async ({ path, file }) => ({ name: path, bytes: await file.arrayBuffer() })))));
  }
  return out;
}

/**
 * A name for a drop, for messages: the folder everything came in, else the model's JSON file
 * (loose files of a model), else the first file.
 */
export function dropName(paths: string[]): string {
  const roots = new Set(paths.map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  const [root] = roots;
  if (roots.size === 1 && root) return root;
  const names = paths.map((p) => p.split('/').pop() ?? p);
  return names.find((n) => /\.json$/i.test(n) && n.toLowerCase() !== 'metadata.json') ?? names[0] ?? 'files';
}

/**
 * A name for a drop of images: the folder they came in, the file when it is the only one, else
 * a count. Never one file's name for many: that file may be one that fails to decode
 * ("corrupt.png (dropped)" for a set without it).
 */
export function imageDropName(paths: string[]): string {
  const roots = new Set(paths.map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  const [root] = roots;
  if (roots.size === 1 && root) return root;
  if (paths.length === 1) return paths[0].split('/').pop() ?? paths[0];
  return `${paths.length} loose files`;
}
