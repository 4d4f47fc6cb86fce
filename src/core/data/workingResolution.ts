import type { ResolutionSetting } from '../method/config/schema';
import { largestSide } from './encodedImageSize';

/** The side 'auto' never goes past: 64 × 64 × 3 is 12 KB an image, and a student at 64 px still trains in a browser. */
export const AUTO_RESOLUTION_CAP = 64;

/** With no teacher to ask (nothing picked yet): the built-in sets' 28 px. */
export const FALLBACK_RESOLUTION = 28;

/** What the resolver reads of a teacher: its input size (channels are the data's, not the teacher's). */
export interface TeacherInputSize {
  height: number;
  width: number;
}

/**
 * The side, in pixels, of the square images a run trains its student on. A number in the
 * setting is taken as it is. 'auto' takes the largest side any teacher wants, at most
 * AUTO_RESOLUTION_CAP, and never more than `dataSide` (the data's own size, when known):
 * auto does not upsample, it only stops a 224 px teacher from making every image 224 px.
 */
export function workingResolution(setting: ResolutionSetting, teachers: readonly TeacherInputSize[], dataSide?: number): number {
  if (setting !== 'auto') return Number(setting);
  const wanted = teachers.length > 0 ? Math.max(...teachers.map((t) => Math.max(t.height, t.width))) : FALLBACK_RESOLUTION;
  const capped = Math.min(wanted, AUTO_RESOLUTION_CAP);
  return dataSide !== undefined && dataSide > 0 ? Math.min(capped, dataSide) : capped;
}

/** Auto never decodes dropped files below this, whatever their size: a student needs a few pixels to pool. */
export const SMALLEST_AUTO_SIDE = 8;

/**
 * Auto's side for image files (a dropped folder, a file to try, the CLI's images): `wanted`,
 * but never above the largest side their PNG/JPEG headers give, so 28 px digits stay 28 px
 * under a 32 px teacher. Files whose size cannot be read leave `wanted` as it is.
 */
export function autoSideForFiles(wanted: number, files: readonly Uint8Array[]): number {
  const own = largestSide(files);
  return own === undefined ? wanted : Math.min(wanted, Math.max(own, SMALLEST_AUTO_SIDE));
}
