import { useId, useState } from 'react';
import type { EmbeddingSnapshot } from '../../protocol/messages';
import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';
import { ChartCard } from './ChartCard';
import { EmbeddingPlot, type PlotFrame } from './EmbeddingPlot';
import { classColour } from './palette';
import { InfoButton } from '../layout/InfoButton';

type ColourBy = 'pseudo' | 'true';

function frameOf(s: EmbeddingSnapshot, points: Float32Array, colourBy: ColourBy): PlotFrame {
  const { step, trueLabels, pseudoLabels } = s;
  return { step, points, trueLabels, pseudoLabels, labels: colourBy === 'true' ? trueLabels : pseudoLabels };
}

function Legend({ names }: { names: string[] }) {
  return (
    <ul className="legend" aria-label="Classes">
      {names.map((n, i) => (
        <li key={n}>
          <span className="swatch" style={{ background: classColour(i) }} />
          {n}
        </li>
      ))}
    </ul>
  );
}

function EmbeddingControls({ snapshot, teacher, setTeacher, colourBy, setColourBy }: { snapshot: EmbeddingSnapshot; teacher: number; setTeacher(i: number): void; colourBy: ColourBy; setColourBy(c: ColourBy): void }) {
  const id = useId();
  return (
    <div className="embedding-controls">
      <label htmlFor={id}>Beside the student</label>
      <select id={id} value={teacher} onChange={(e) => setTeacher(Number(e.target.value))}>
        {snapshot.teachers.map((t, i) => (
          <option key={t.id} value={i}>
            teacher {t.id}
          </option>
        ))}
      </select>
      <fieldset className="segmented">
        <legend>Colour by</legend>
        {(['pseudo', 'true'] as const).map((c) => (
          <label key={c}>
            <input type="radio" name={`${id}-colour`} value={c} checked={colourBy === c} onChange={() => setColourBy(c)} /> {c === 'pseudo' ? 'pseudo-label' : 'true label'}
          </label>
        ))}
        <InfoButton entry="pseudoLabel" />
      </fieldset>
    </div>
  );
}

/** The student's common space beside a teacher's, coloured by pseudo or true label (item 5). */
export function EmbeddingPanel() {
  const snapshot = useStaggered(useStudio((s) => s.embedding.current));
  // Only the images of the run on screen: another run's may have as many points.
  const images = useStudio((s) => (s.probeImages?.runId === s.progress.runId ? s.probeImages : null));
  const [teacher, setTeacher] = useState(0);
  const [colourBy, setColourBy] = useState<ColourBy>('pseudo');
  if (!snapshot) {
    return (
      <section className="embedding" aria-labelledby="embedding-heading">
        <div className="chart-title">
          <h3 id="embedding-heading">Embedding clusters</h3>
          <InfoButton entry="embedding" />
        </div>
        <p className="chart-empty">At each evaluation the probe images are embedded by the student and every teacher, and plotted here.</p>
      </section>
    );
  }
  const t = snapshot.teachers[Math.min(teacher, snapshot.teachers.length - 1)];
  const legend = snapshot.classNames.map((label, i) => ({ label, colour: classColour(i) }));
  const space = snapshot.space === 'common' ? 'common space' : 'features';
  return (
    <section className="embedding" aria-labelledby="embedding-heading">
      <div className="chart-title">
        <h3 id="embedding-heading">Embedding clusters</h3>
        <InfoButton entry="embedding" />
      </div>
      <p className="muted">
        {snapshot.count} probe images, step {snapshot.step}, each model's {space} {snapshot.projection === 'umap' ? 'laid out by UMAP (clusters, not distances)' : 'projected by its own PCA'}. Hover a point to see its image.
      </p>
      <EmbeddingControls snapshot={snapshot} teacher={teacher} setTeacher={setTeacher} colourBy={colourBy} setColourBy={setColourBy} />
      <div className="embedding-plots">
        <ChartCard title="Student" fileName="embedding-student" legend={legend}>
          <EmbeddingPlot frame={frameOf(snapshot, snapshot.student.points, colourBy)} label="Student embedding" images={images} classNames={snapshot.classNames} />
        </ChartCard>
        <ChartCard title={`Teacher ${t.id}`} fileName={`embedding-${t.id}`} legend={legend}>
          <EmbeddingPlot key={t.id} frame={frameOf(snapshot, t.points, colourBy)} label={`Teacher ${t.id} embedding`} images={images} classNames={snapshot.classNames} />
        </ChartCard>
      </div>
      <Legend names={snapshot.classNames} />
    </section>
  );
}
