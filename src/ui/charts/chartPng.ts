/**
 * Charts as PNG files. Recharts draws SVG: it is serialised, drawn onto a canvas at twice
 * the size (crisp on print and slides) over the page's background, and saved. Colours the
 * SVG takes from CSS variables are resolved first, as an <img> would not see them.
 */
function inlineColours(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const source = svg.querySelectorAll<SVGElement>('*');
  copy.querySelectorAll<SVGElement>('*').forEach((node, i) => {
    const style = getComputedStyle(source[i]);
    for (const property of ['fill', 'stroke', 'font-family', 'font-size', 'opacity']) node.style.setProperty(property, style.getPropertyValue(property));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return copy;
}

/** A legend entry as drawn under the chart in the PNG (recharts puts its legend in HTML, outside the SVG). */
export interface LegendEntry {
  label: string;
  colour: string;
}

const LEGEND_ROW = 20;

/** Legend entries in rows that fit `width`; returns the rows' height. */
function drawLegend(g: CanvasRenderingContext2D, entries: LegendEntry[], top: number, width: number, ink: string): number {
  g.font = '12px system-ui, sans-serif';
  g.textBaseline = 'middle';
  let [x, y] = [12, top + LEGEND_ROW / 2];
  for (const { label, colour } of entries) {
    const w = 18 + g.measureText(label).width + 16;
    if (x + w > width && x > 12) [x, y] = [12, y + LEGEND_ROW];
    g.fillStyle = colour;
    g.fillRect(x, y - 5, 12, 10);
    g.fillStyle = ink;
    g.fillText(label, x + 18, y);
    x += w;
  }
  return entries.length ? y + LEGEND_ROW / 2 - top : 0;
}

export async function svgToPng(svg: SVGSVGElement, style: { background: string; ink: string }, legend: LegendEntry[] = [], scale = 2): Promise<Blob> {
  const text = new XMLSerializer().serializeToString(inlineColours(svg));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  return withLegendToPng(image, svg.getBoundingClientRect(), style, legend, scale);
}

/** A canvas plot at `scale` times its on-screen size, with its legend drawn under it. */
export function plotToPng(plot: HTMLCanvasElement, style: { background: string; ink: string }, legend: LegendEntry[] = [], scale = 2): Promise<Blob> {
  return withLegendToPng(plot, plot.getBoundingClientRect(), style, legend, scale);
}

/** Paints `source` at its on-screen size on the page background, the legend under it, as PNG. */
function withLegendToPng(
  source: CanvasImageSource,
  { width, height }: { width: number; height: number },
  style: { background: string; ink: string },
  legend: LegendEntry[],
  scale: number,
): Promise<Blob> {
  const measure = document.createElement('canvas').getContext('2d')!;
  const legendHeight = drawLegend(measure, legend, 0, width, style.ink) + (legend.length ? 8 : 0);
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [Math.round(width * scale), Math.round((height + legendHeight) * scale)];
  const g = canvas.getContext('2d')!;
  g.scale(scale, scale);
  g.fillStyle = style.background;
  g.fillRect(0, 0, width, height + legendHeight);
  g.drawImage(source, 0, 0, width, height);
  drawLegend(g, legend, height, width, style.ink);
  return canvasToPng(canvas);
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

/** The page's colours, so the PNG looks like the chart on screen (light or dark). */
export function pageColours(): { background: string; ink: string } {
  const style = getComputedStyle(document.body);
  return { background: style.backgroundColor || '#ffffff', ink: style.color || '#000000' };
}

/** The chart's drawing: its largest recharts SVG (legend icons are small SVGs of the same class). */
export function chartSurface(root: HTMLElement): SVGSVGElement | null {
  const area = (el: Element) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
  return [...root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')].sort((a, b) => area(b) - area(a))[0] ?? null;
}

/** Recharts' HTML legend as entries: each item's text and the colour its icon is drawn in. */
export function chartLegend(root: HTMLElement): LegendEntry[] {
  return [...root.querySelectorAll<HTMLElement>('.recharts-legend-item')].map((item) => {
    const icon = item.querySelector('path, line, rect');
    const colour = icon ? getComputedStyle(icon).stroke !== 'none' ? getComputedStyle(icon).stroke : getComputedStyle(icon).fill : '#888888';
    return { label: item.textContent?.trim() ?? '', colour };
  });
}
