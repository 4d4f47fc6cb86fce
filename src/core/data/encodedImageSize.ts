/** Width and height of a PNG or JPEG file, read from its header without decoding it; null when neither. */
export function encodedImageSize(bytes: Uint8Array): { width: number; height: number } | null {
  return pngSize(bytes) ?? jpegSize(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The IHDR chunk comes first: width and height as big-endian 32-bit numbers at bytes 16 and 20. */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return null;
  const u32 = (at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  return { width: u32(16), height: u32(20) };
}

/** Walks the JPEG segments to the first start-of-frame (SOF0-SOF15 but DHT, JPG and DAC), which holds the size. */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = (b[at + 2] << 8) | b[at + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (b[at + 5] << 8) | b[at + 6], width: (b[at + 7] << 8) | b[at + 8] };
    }
    at += 2 + length;
  }
  return null;
}

/** The largest side of any file whose header says its size: what 'auto' never decodes above. */
export function largestSide(files: readonly Uint8Array[]): number | undefined {
  let largest: number | undefined;
  for (const bytes of files) {
    const size = encodedImageSize(bytes);
    if (size) largest = Math.max(largest ?? 0, size.width, size.height);
  }
  return largest;
}
