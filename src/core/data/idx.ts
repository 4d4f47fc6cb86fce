/**
 * IDX is the file format of MNIST and Fashion-MNIST (big-endian header, then raw bytes).
 * One reader serves Node and the browser; gzip is undone with DecompressionStream, which
 * both have, so no platform code is needed here.
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error('not an IDX file: the first two bytes must be zero');
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new Error(`unsupported IDX element type 0x${bytes[2].toString(16)}: only unsigned bytes (0x08)`);
  }
  const rank = bytes[3];
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new Error('IDX header is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + size) {
    throw new Error(`IDX body holds ${bytes.length - header} bytes; its header ${JSON.stringify(dims)} needs ${size}`);
  }
  return { dims, data: bytes.subarray(header) };
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Accepts plain or gzipped IDX bytes (servers may or may not undo the gzip for us). */
export async function readIdx(bytes: Uint8Array): Promise<IdxArray> {
  return parseIdx(isGzip(bytes) ? await gunzip(bytes) : bytes);
}
