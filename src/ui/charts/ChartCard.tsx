import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob } from '../results/download';
import { chartLegend, chartSurface, pageColours, plotToPng, svgToPng, type LegendEntry } from './chartPng';
import { errorMessage } from '../../protocol/errors';
import type { GlossaryKey } from '../layout/glossary';
import { InfoButton } from '../layout/InfoButton';

/**
 * A titled chart with a "Download PNG" button, which saves the chart's main <svg>
 * (recharts, whose HTML legend is redrawn under it) or <canvas> (embedding plot, with
 * `legend` drawn under it). The chart stays mounted (hidden) while `empty` is shown.
 */
export function ChartCard(props: {
  title: string;
  fileName: string;
  children: ReactNode;
  tools?: ReactNode;
  empty?: string | null;
  legend?: LegendEntry[];
  /** For a chart that is neither SVG nor canvas on screen (the confusion table): draws its own PNG. */
  toPng?: () => Promise<Blob>;
  /** The glossary entry that says what the chart shows, behind an "i" beside its title. */
  info?: GlossaryKey;
}) {
  const { title, fileName, children, tools, empty, legend, toPng, info } = props;
  const body = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const root = body.current;
    const svg = root ? chartSurface(root) : null;
    const canvas = root?.querySelector<HTMLCanvasElement>('canvas');
    try {
      if (toPng) downloadBlob(await toPng(), `${fileName}.png`);
      else if (svg) downloadBlob(await svgToPng(svg, pageColours(), chartLegend(root!)), `${fileName}.png`);
      else if (canvas) downloadBlob(await plotToPng(canvas, pageColours(), legend), `${fileName}.png`);
      setProblem(null);
    } catch (error) {
      setProblem(`Could not make the PNG: ${errorMessage(error)}`);
    }
  };
  const headingId = `chart-${fileName}`;
  return (
    <figure className="chart-card" aria-labelledby={headingId} data-chart={fileName}>
      <figcaption>
        <div className="chart-title">
          <h3 id={headingId}>{title}</h3>
          {info && <InfoButton entry={info} />}
        </div>
        <div className="chart-tools">
          {tools}
          <button type="button" disabled={Boolean(empty)} onClick={() => void save()} aria-label={`Download ${title} as PNG`}>
            PNG
          </button>
        </div>
      </figcaption>
      <div ref={body} className="chart-body">
        {empty && <p className="chart-empty">{empty}</p>}
        {/* Mounted while empty, hidden: recharts' first mount is the costliest render a chart
            has (well over 100 ms here); paid at page load, not when the run's first data arrives. */}
        <div className={empty ? 'chart-standby' : undefined} aria-hidden={empty ? true : undefined}>
          {children}
        </div>
      </div>
      {problem && (
        <p role="alert" className="status-error">
          {problem}
        </p>
      )}
    </figure>
  );
}
