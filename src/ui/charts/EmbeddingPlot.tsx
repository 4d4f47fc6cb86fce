import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProbeImagesResult } from '../../protocol/messages';
import { drawPoints, drawProbeImage, groupByLabel } from './drawPoints';
import { interpolate, toPixels } from './embeddingFrame';
import { buildPointGrid, nearestPoint, type PointGrid } from './pointGrid';

const SIZE = 340;
const BOX = { width: SIZE, height: SIZE, padding: 14 };
const ANIMATION_MS = 600;
const HOVER_RADIUS = 8;
/** Backing pixels per CSS pixel: at least 2, so the PNG export and high-DPI screens stay sharp. */
const resolution = () => Math.max(2, Math.ceil(devicePixelRatio));

export interface PlotFrame {
  step: number;
  /** 2-D coordinates from the worker (PCA or UMAP), [x0, y0, ...]. */
  points: Float32Array;
  labels: Int32Array;
  trueLabels: Int32Array;
  pseudoLabels: Int32Array;
  /** Per point, the owning teacher's index (EmbeddingSnapshot.owners). */
  owners: Int32Array;
}

/** Animates the canvas from where its points were drawn last to where `frame` puts them. */
function useAnimatedPoints(canvas: React.RefObject<HTMLCanvasElement | null>, frame: PlotFrame): { grid: PointGrid | null; drawn: number } {
  const shown = useRef<Float32Array | null>(null);
  const [grid, setGrid] = useState<PointGrid | null>(null);
  const [drawn, setDrawn] = useState(0);
  const target = useMemo(() => toPixels(frame.points, BOX), [frame.points]);
  const groups = useMemo(() => groupByLabel(frame.labels), [frame.labels]);
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    const from = shown.current;
    const started = performance.now();
    let raf = 0;
    const tick = (now: number) => {
      const t = Math.min(1, (now - started) / ANIMATION_MS);
      const xy = interpolate(from, target, t);
      shown.current = xy;
      g.setTransform(resolution(), 0, 0, resolution(), 0, 0);
      drawPoints(g, xy, groups, 2.2);
      if (t < 1) raf = requestAnimationFrame(tick);
      else setDrawn((n) => n + 1);
    };
    raf = requestAnimationFrame(tick);
    setGrid(buildPointGrid(target, SIZE, SIZE));
    return () => cancelAnimationFrame(raf);
  }, [canvas, target, groups]);
  return { grid, drawn };
}

interface Hover {
  index: number;
  x: number;
  y: number;
}

function HoverCard({ hover, frame, images, classNames, teacherIds }: { hover: Hover; frame: PlotFrame; images: ProbeImagesResult | null; classNames: string[]; teacherIds: string[] }) {
  const picture = useRef<HTMLCanvasElement>(null);
  const usable = images !== null && images.count === frame.labels.length;
  useEffect(() => {
    if (usable && picture.current) drawProbeImage(picture.current, images.pixels, hover.index, images.height, images.width, images.channels);
  }, [usable, images, hover.index]);
  const name = (label: number) => classNames[label] ?? '?';
  return (
    <div className="plot-hover" style={{ left: hover.x + 12, top: hover.y + 12 }} data-field="plot-hover">
      {usable && <canvas ref={picture} className="plot-hover-image" aria-hidden="true" />}
      <span>
        true {name(frame.trueLabels[hover.index])}
        <br />
        pseudo {name(frame.pseudoLabels[hover.index])}
        <br />
        owner {teacherIds[frame.owners[hover.index]] ?? '?'}
      </span>
    </div>
  );
}

/**
 * The probe set in one model's space as a canvas scatter (SVG would lag at 2,000 points):
 * frames animate into each other, and hovering a point shows its image and labels.
 */
export function EmbeddingPlot(props: { frame: PlotFrame; label: string; images: ProbeImagesResult | null; classNames: string[]; teacherIds: string[] }) {
  const { frame, label, images, classNames, teacherIds } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const { grid, drawn } = useAnimatedPoints(canvas, frame);
  const [hover, setHover] = useState<Hover | null>(null);
  const onMove = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const [x, y] = [((e.clientX - rect.left) * SIZE) / rect.width, ((e.clientY - rect.top) * SIZE) / rect.height];
    const index = grid ? nearestPoint(grid, x, y, HOVER_RADIUS) : -1;
    setHover(index < 0 ? null : { index, x: e.clientX - rect.left, y: e.clientY - rect.top });
  };
  return (
    <div className="plot">
      <canvas
        ref={canvas}
        width={SIZE * resolution()}
        height={SIZE * resolution()}
        role="img"
        aria-label={`${label}: ${frame.labels.length} probe images at step ${frame.step}`}
        data-step={frame.step}
        data-points={frame.labels.length}
        data-frames-drawn={drawn}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      />
      {hover && <HoverCard hover={hover} frame={frame} images={images} classNames={classNames} teacherIds={teacherIds} />}
    </div>
  );
}
