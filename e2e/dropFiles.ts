import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** A file for setInputFiles or a synthetic drop: its name and bytes. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

const mime = (name: string) => (name.endsWith('.json') ? 'application/json' : name.endsWith('.png') ? 'image/png' : 'application/octet-stream');

export function fileFrom(dir: string, name: string, as = name): FilePayload {
  return { name: as, mimeType: mime(as), buffer: readFileSync(path.join(dir, name)) };
}

export function textFile(name: string, text: string): FilePayload {
  return { name, mimeType: mime(name), buffer: Buffer.from(text) };
}

/**
 * Drops files on a drop zone the way a browser does: a real DataTransfer holding File
 * objects, dispatched as dragover and drop on the zone (Playwright cannot drag files from
 * the desktop). The page's own handler reads them.
 */
export async function dropOn(page: Page, zoneLabel: string, files: FilePayload[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));
  await page.getByRole('region', { name: zoneLabel }).evaluate((zone, items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}
