import { canvasToPng } from './chartPng';

const CELL = 34;
const HEADER = 60;

/** Share of a row (true class) a cell holds: its shade on screen and in the PNG. */
export function rowShare(row: readonly number[], v: number): number {
  const total = row.reduce((a, b) => a + b, 0);
  return total > 0 ? v / total : 0;
}

/**
 * The confusion matrix (an HTML table on screen) drawn as a picture: one square per cell,
 * green on the diagonal and red off it, darker for a larger share of its row.
 */
export function confusionToPng(matrix: number[][], names: string[], style: { background: string; ink: string }, scale = 2): Promise<Blob> {
  const n = matrix.length;
  const size = HEADER + n * CELL + 8;
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [size * scale, size * scale];
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = style.background;
  g.fillRect(0, 0, size, size);
  g.font = '11px system-ui, sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillStyle = style.ink;
  g.fillText('predicted →', HEADER + (n * CELL) / 2, 12);
  g.fillText('true ↓', HEADER / 2, HEADER - 12);
  names.forEach((name, i) => {
    g.fillText(name.slice(0, 6), HEADER + i * CELL + CELL / 2, HEADER - 12);
    g.fillText(name.slice(0, 6), HEADER / 2, HEADER + i * CELL + CELL / 2);
  });
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      g.globalAlpha = 0.1 + 0.8 * rowShare(row, v);
      g.fillStyle = i === j ? '#1f7a45' : '#b42318';
      g.fillRect(HEADER + j * CELL + 1, HEADER + i * CELL + 1, CELL - 2, CELL - 2);
      g.globalAlpha = 1;
      g.fillStyle = style.ink;
      g.fillText(String(v), HEADER + j * CELL + CELL / 2, HEADER + i * CELL + CELL / 2);
    }),
  );
  return canvasToPng(canvas);
}
