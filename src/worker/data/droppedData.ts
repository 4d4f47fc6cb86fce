import { dropBudget } from '../../core/data/dropBudget';
import { DROPPED_SIZE, classesOfPaths, droppedImageSet, isImageName, type CompactPixels, type DecodedImage, type DropSize } from '../../core/data/droppedImages';
import type { LabelledImages } from '../../core/data/labelledImages';
import type { DroppedFile, ImageDropSettings, ImageFilesToDecode, LoadImageFilesResult } from '../../protocol/messages';
import { autoSideForFiles } from '../../core/data/workingResolution';
import { summarizeImages } from './dataSummary';
import { WorkerFailure } from '../failure';
import { errorMessage } from '../../protocol/errors';

/** RunConfig.data names a dropped transfer set so: 'dropped:<name>'. */
export const DROPPED_DATA_PREFIX = 'dropped:';
export const isDroppedData = (data: string): boolean => data.startsWith(DROPPED_DATA_PREFIX);

/** A dropped transfer set and the labelled folder that evaluates it, if one was dropped. */
export interface DroppedSet {
  transfer: LabelledImages;
  evaluation: LabelledImages | null;
}

/** One image file to `size`, as gray bytes when it has no colour and RGB bytes when it has. */
export type DecodeImage = (bytes: ArrayBuffer, size: DropSize) => Promise<CompactPixels>;

/**
 * The square a transfer drop is decoded to: its working resolution (the built-in sets' 28 px
 * when none is given). When that came from 'auto' it is never above the largest image of the
 * drop, as their headers give it: a folder of 28 px digits stays 28 px under 32 px teachers.
 */
export function transferSize(request: Pick<ImageDropSettings, 'resolution' | 'auto'>, files: readonly DroppedFile[]): DropSize {
  const wanted = request.resolution ?? DROPPED_SIZE.height;
  const side = request.auto ? autoSideForFiles(wanted, files.map((f) => new Uint8Array(f.bytes))) : wanted;
  return { height: side, width: side };
}

/** Hears how many of a drop's files are decoded; called every PROGRESS_EVERY files and at the end. */
export type DecodeProgress = (done: number, total: number) => void;

/** Often enough for a count that moves, rarely enough that 10,000 files send only 40 messages. */
export const PROGRESS_EVERY = 250;

/** The worker's dropped image sets by id; decoding is injected so Node tests can use their own decoder. */
export class DroppedData {
  private readonly sets = new Map<string, DroppedSet>();

  constructor(private readonly decode: DecodeImage) {}

  get(id: string): DroppedSet {
    const set = this.sets.get(id);
    if (!set) {
      const known = [...this.sets.keys()].join(', ') || 'none';
      throw new WorkerFailure('bad-config', `config.data names '${id}', but no such image folder was dropped (dropped: ${known})`);
    }
    return set;
  }

  async load(request: ImageFilesToDecode, progress: DecodeProgress = () => undefined): Promise<LoadImageFilesResult> {
    const started = performance.now();
    const labelled = request.role === 'evaluation';
    const target = labelled ? this.get(request.transferId ?? '') : null;
    // A labelled folder is decoded as its transfer set was, so the student reads both alike.
    const sizeFor = (files: DroppedFile[]): DropSize => (target ? { height: target.transfer.height, width: target.transfer.width } : transferSize(request, files));
    const { images, skipped, size } = await this.decodeAll(request, sizeFor, progress);
    if (images.length === 0) {
      const why = skipped.length > 0 ? `: ${skipped.slice(0, 3).map((s) => `${s.name} (${s.reason})`).join('; ')}` : '';
      throw new WorkerFailure('bad-images', `${request.name} holds no PNG or JPEG image that could be decoded${why}`);
    }
    const channels = target ? (target.transfer.channels === 3 ? 3 : 1) : undefined;
    const set = droppedImageSet(`${DROPPED_DATA_PREFIX}${request.name}`, images, labelled, size, channels);
    let id: string;
    if (target) {
      target.evaluation = set;
      id = request.transferId!;
    } else {
      id = this.freeId(request.name);
      this.sets.set(id, { transfer: set, evaluation: null });
    }
    return { id, role: request.role, ...summarizeImages(set), skipped, ms: performance.now() - started };
  }

  private freeId(name: string): string {
    const base = `${DROPPED_DATA_PREFIX}${name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'images'}`;
    let id = base;
    for (let n = 2; this.sets.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  private async decodeAll(request: ImageFilesToDecode, sizeFor: (candidates: DroppedFile[]) => DropSize, progress: DecodeProgress) {
    const labelled = request.role === 'evaluation';
    const images: DecodedImage[] = [];
    const skipped: { name: string; reason: string }[] = [];
    const candidates = request.files.filter((file) => {
      const image = isImageName(file.name);
      if (!image) skipped.push({ name: file.name, reason: 'not a .png, .jpg or .jpeg file' });
      return image;
    });
    const size = sizeFor(candidates);
    const { refusal } = dropBudget(candidates.length, size);
    if (refusal) throw new WorkerFailure('bad-images', `${request.name}: ${refusal}`);
    const classes = classesOfPaths(candidates.map((f) => f.name));
    for (const [i, file] of candidates.entries()) {
      if (i % PROGRESS_EVERY === 0) progress(i, candidates.length);
      const label = classes[i];
      if (labelled && label === null) {
        skipped.push({ name: file.name, reason: 'not in a class folder' });
        continue;
      }
      try {
        images.push({ name: file.name, ...(await this.decode(file.bytes, size)), label });
      } catch (error) {
        skipped.push({ name: file.name, reason: `could not be decoded (${errorMessage(error)})` });
      }
    }
    progress(candidates.length, candidates.length);
    return { images, skipped, size };
  }
}
