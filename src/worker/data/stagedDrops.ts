import type { DroppedFile, StagedDropRef, StageImageFilesRequest, StageImageFilesResult } from '../../protocol/messages';
import { WorkerFailure } from '../failure';

/** The drop being staged: its parts by number, as they came. */
interface Staging {
  dropId: string;
  parts: Map<number, DroppedFile[]>;
  files: number;
}

/** Part numbers for a message: the first few, and how many in all. */
function listed(numbers: number[]): string {
  if (numbers.length === 0) return 'none';
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.length <= 5 ? sorted.join(', ') : `${sorted.slice(0, 5).join(', ')}, … (${sorted.length} in all)`;
}

/**
 * A dropped folder's files, received in parts (stageImageFiles) so that no one message holds
 * the page's main thread for long, until the loadImageFiles request that decodes them takes
 * them. One drop is staged at a time: a part of a new drop discards the parts of the old one,
 * whose load then fails saying so, rather than both holding their bytes.
 */
export class StagedDrops {
  private staging: Staging | null = null;

  stage(request: StageImageFilesRequest): StageImageFilesResult {
    if (this.staging?.dropId !== request.dropId) this.staging = { dropId: request.dropId, parts: new Map(), files: 0 };
    const staging = this.staging;
    if (staging.parts.has(request.part)) {
      this.staging = null; // which copy is right is unknown: the drop cannot be decoded as sent
      throw new WorkerFailure('bad-request', `drop ${request.dropId}: part ${request.part} came twice; its staged parts are discarded`);
    }
    staging.parts.set(request.part, request.files);
    staging.files += request.files.length;
    return { parts: staging.parts.size, files: staging.files };
  }

  /** The staged files of a drop in part order, handed over once; a drop not whole is an error and is discarded. */
  take(ref: StagedDropRef, name: string): DroppedFile[] {
    const staging = this.staging;
    if (staging?.dropId !== ref.dropId) {
      const why = staging ? `a later drop (${staging.dropId}) replaced it` : 'it was discarded, or never staged';
      throw new WorkerFailure('bad-request', `${name}: no files are staged for drop ${ref.dropId}: ${why}`);
    }
    this.staging = null;
    const missing = Array.from({ length: ref.parts }, (_, i) => i).filter((i) => !staging.parts.has(i));
    const extra = [...staging.parts.keys()].filter((i) => i >= ref.parts);
    if (missing.length > 0 || extra.length > 0) {
      const came = listed([...staging.parts.keys()]);
      throw new WorkerFailure('bad-request', `${name}: drop ${ref.dropId} was sent as ${ref.parts} parts (0 to ${ref.parts - 1}), but parts ${came} came; missing: ${listed(missing)}`);
    }
    if (staging.files !== ref.count) throw new WorkerFailure('bad-request', `${name}: drop ${ref.dropId} was sent as ${ref.count} files, but ${staging.files} came`);
    return Array.from({ length: ref.parts }, (_, i) => staging.parts.get(i)!).flat();
  }

  /** Forgets a drop's parts; false when that drop was not the one staged. */
  discard(dropId: string): boolean {
    if (this.staging?.dropId !== dropId) return false;
    this.staging = null;
    return true;
  }
}
