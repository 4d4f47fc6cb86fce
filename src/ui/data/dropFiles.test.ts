import { describe, expect, it } from 'vitest';
import { dropName, filesFromDrop, imageDropName, readFiles } from './dropFiles';

describe('dropName', () => {
  it('names a folder drop by its folder, loose model files by the model JSON', () => {
    expect(dropName(['mnist-0-4/model.json', 'mnist-0-4/weights.bin'])).toBe('mnist-0-4');
    expect(dropName(['metadata.json', 'weights.bin', 'model.json'])).toBe('model.json');
    expect(dropName(['a/x.png', 'b/y.png'])).toBe('x.png');
    expect(dropName([])).toBe('files');
  });
  // Issue 14, defect 7: loose images were named after their first file, even one that was skipped.
  it('names a drop of images by its folder, else by how many files, never by one file', () => {
    expect(imageDropName(['digits/3/a.png', 'digits/4/b.png'])).toBe('digits');
    expect(imageDropName(['corrupt.png', 'ok1.png', 'ok2.png'])).toBe('3 loose files');
    expect(imageDropName(['a/x.png', 'b/y.png'])).toBe('2 loose files');
    expect(imageDropName(['notes.txt'])).toBe('notes.txt'); // one file: it is the drop
  });
});

/** Just enough of the File and Directory Entries API for filesFromDrop's walk. */
function fileEntry(fullPath: string): FileSystemFileEntry {
  const name = fullPath.split('/').pop()!;
  return { isFile: true, isDirectory: false, fullPath, name, file: (ok: (f: File) => void) => ok(new File([name], name)) } as unknown as FileSystemFileEntry;
}

function dirEntry(fullPath: string, children: FileSystemEntry[], chunk = 2): FileSystemDirectoryEntry {
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader() {
      let at = 0;
      // Like Chromium, answers in chunks, then with an empty list.
      return { readEntries: (ok: (e: FileSystemEntry[]) => void) => ok(children.slice(at, (at += chunk))) };
    },
  } as unknown as FileSystemDirectoryEntry;
}

describe('filesFromDrop', () => {
  it('walks dropped folders through every chunk, keeping paths', async () => {
    const folder = dirEntry('/digits', [fileEntry('/digits/a.png'), dirEntry('/digits/3', [fileEntry('/digits/3/b.png')]), fileEntry('/digits/c.png')]);
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => folder }], files: [] } as unknown as DataTransfer;
    const files = await filesFromDrop(transfer);
    expect(files.map((f) => f.path)).toEqual(['digits/a.png', 'digits/3/b.png', 'digits/c.png']);
    expect(await files[1].file.text()).toBe('b.png');
  });

  it('takes loose files as they are when the browser gives no entries', async () => {
    const file = new File(['x'], 'model.json');
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => null }], files: [file] } as unknown as DataTransfer;
    expect(await filesFromDrop(transfer)).toEqual([{ path: 'model.json', file }]);
  });
});

describe('readFiles', () => {
  it('reads every file in order, never more than a chunk at once', async () => {
    let open = 0;
    let most = 0;
    const fileOf = (i: number) =>
      ({
        arrayBuffer: async () => {
          most = Math.max(most, ++open);
          await new Promise((resolve) => setTimeout(resolve, 0));
          open--;
          return new Uint8Array([i]).buffer;
        },
      }) as unknown as File;
    const files = Array.from({ length: 23 }, (_, i) => ({ path: `d/${i}.png`, file: fileOf(i) }));
    const read = await readFiles(files, 5);
    expect(read.map((f) => f.name)).toEqual(files.map((f) => f.path));
    expect(read.map((f) => new Uint8Array(f.bytes)[0])).toEqual(files.map((_, i) => i));
    expect(most).toBe(5);
  });
});
