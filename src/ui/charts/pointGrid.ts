/**
 * Nearest-point lookup for hover on the embedding canvas: points are bucketed into square
 * cells, and a query looks only at the cells around the pointer, so hovering over 2,000
 * points costs a few dozen distance checks, not 2,000.
 */
export interface PointGrid {
  cell: number;
  columns: number;
  rows: number;
  /** Point indices per cell, row-major. */
  cells: number[][];
  xy: Float32Array;
}

/** `xy` holds [x0, y0, x1, y1, ...] in canvas pixels within width x height. */
export function buildPointGrid(xy: Float32Array, width: number, height: number, cell = 16): PointGrid {
  const columns = Math.max(1, Math.ceil(width / cell));
  const rows = Math.max(1, Math.ceil(height / cell));
  const cells: number[][] = Array.from({ length: columns * rows }, () => []);
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(v / cell)));
  for (let i = 0; i < xy.length / 2; i++) cells[clamp(xy[2 * i + 1], rows) * columns + clamp(xy[2 * i], columns)].push(i);
  return { cell, columns, rows, cells, xy };
}

/** The index of the point nearest (x, y) within `radius` pixels, or -1. */
export function nearestPoint(grid: PointGrid, x: number, y: number, radius: number): number {
  const { cell, columns, rows, cells, xy } = grid;
  const [c0, c1] = [Math.floor((x - radius) / cell), Math.floor((x + radius) / cell)];
  const [r0, r1] = [Math.floor((y - radius) / cell), Math.floor((y + radius) / cell)];
  let best = -1;
  let bestD = radius * radius;
  for (let r = Math.max(0, r0); r <= Math.min(rows - 1, r1); r++) {
    for (let c = Math.max(0, c0); c <= Math.min(columns - 1, c1); c++) {
      for (const i of cells[r * columns + c]) {
        const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2;
        if (d <= bestD) [best, bestD] = [i, d];
      }
    }
  }
  return best;
}
