import type { DroppedFile } from '../../protocol/messages';

/** One exported file as a download link's target. */
export interface Download {
  name: string;
  url: string;
  bytes: number;
}

const types: Record<string, string> = { json: 'application/json', bin: 'application/octet-stream' };

/** Object URLs for the exported files; the caller revokes them with revokeDownloads. */
export function toDownloads(files: DroppedFile[]): Download[] {
  return files.map(({ name, bytes }) => ({
    name,
    url: URL.createObjectURL(new Blob([bytes], { type: types[name.split('.').pop() ?? ''] ?? 'application/octet-stream' })),
    bytes: bytes.byteLength,
  }));
}

export function revokeDownloads(downloads: Download[]): void {
  for (const d of downloads) URL.revokeObjectURL(d.url);
}
