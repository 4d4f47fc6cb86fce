import { gatherPixels } from '../../core/data/transferSet';
import { cap } from '../../core/method/embeddingSnapshot';
import type { TrainingSession } from '../../core/method/trainingSession';
import type { ProbeImagesResult } from '../../protocol/messages';

/** The parts of a session the probe images come from. */
export type ProbeSource = Pick<TrainingSession, 'probe'> & { inputs: Pick<TrainingSession['inputs'], 'test'> };

/**
 * The probeImages request: the pixels behind the embedding plot's points, in the order of
 * every snapshot of the session (the same capped probe set of the same evaluation images),
 * so the page can show the image under the pointer. Asked once per run.
 */
export function probeImagesHandler(session: () => ProbeSource): () => Promise<ProbeImagesResult> {
  return async () => {
    const { probe, inputs } = session(); // throws 'training-state' when there is no run
    const { test } = inputs;
    const points = cap(probe);
    const { pixels } = gatherPixels(test.pixels, test.height * test.width * test.channels, points);
    return { count: points.length, height: test.height, width: test.width, channels: test.channels, pixels };
  };
}
