import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../protocol/errors';
import type { PreviewImagesResult } from '../../protocol/messages';
import { trainingWorker } from '../workerClient';

type Preview = { phase: 'loading' } | { phase: 'ready'; result: PreviewImagesResult } | { phase: 'failed'; message: string };

/** One gray (or RGB) image from the worker's bytes, drawn pixel for pixel and scaled up by CSS. */
function ImageTile({ result, index }: { result: PreviewImagesResult; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { height, width, channels, pixels, labels } = result;
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    const size = height * width;
    for (let p = 0; p < size; p++) {
      for (let c = 0; c < 3; c++) image.data[4 * p + c] = pixels[(index * size + p) * channels + (channels === 3 ? c : 0)];
      image.data[4 * p + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [pixels, index, height, width, channels]);
  const label = labels[index];
  return <canvas ref={ref} width={width} height={height} className="preview-tile" role="img" aria-label={label === null ? 'unlabelled image' : `image of ${label}`} />;
}

/** A grid of real images of the chosen data, read by the worker (so what trains is what shows). */
export function PreviewGrid({ data, count = 24 }: { data: string; count?: number }) {
  const [preview, setPreview] = useState<Preview>({ phase: 'loading' });
  useEffect(() => {
    let current = true;
    setPreview({ phase: 'loading' });
    trainingWorker.call({ kind: 'previewImages', data, count }).then(
      (result) => current && setPreview({ phase: 'ready', result }),
      (error: unknown) => current && setPreview({ phase: 'failed', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [data, count]);
  if (preview.phase === 'loading') return <p className="muted">Loading a preview of {data}…</p>;
  if (preview.phase === 'failed') {
    return (
      <p role="alert" className="status-error">
        No preview of {data}: {preview.message}
      </p>
    );
  }
  const { result } = preview;
  return (
    <figure className="preview">
      <div className="preview-grid" data-testid="preview-grid">
        {result.labels.map((_, i) => (
          <ImageTile key={i} result={result} index={i} />
        ))}
      </div>
      <figcaption className="muted">
        {result.labels.length} of {result.total.toLocaleString('en-US')} images of {data}
      </figcaption>
    </figure>
  );
}
