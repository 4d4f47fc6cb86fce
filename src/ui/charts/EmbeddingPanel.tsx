import { useId, useState } from 'react';
import type { EmbeddingSnapshot } from '../../protocol/messages';
import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';
import { ChartCard } from './ChartCard';
import { EmbeddingPlot, type PlotFrame } from './EmbeddingPlot';
import { classColour } from './palette';
import { InfoButton } from '../layout/InfoButton';

type ColourBy = 'pseudo' | 'true' | 'owner';

const colourWords: Record<ColourBy, string> = { pseudo: 'pseudo-label', true: 'true label', owner: 'owning teacher' };

function frameOf(s: EmbeddingSnapshot, points: Float32Array, colourBy: ColourBy): PlotFrame {
  const { step, trueLabels, pseudoLabels, owners } = s;
  const labels = { pseudo: pseudoLabels, true: trueLabels, owner: owners }[colourBy];
  return { step, points, trueLabels, pseudoLabels, owners, labels };
}

/** What the colours stand for: the union's classes, or the teachers when colouring by owner. */
const legendNames = (s: EmbeddingSnapshot, colourBy: ColourBy): string[] => (colourBy === 'owner' ? s.teachers.map((t) => t.id) : s.classNames);

function Legend({ names, colourBy }: { names: string[]; colourBy: ColourBy }) {
  return (
    <ul className="legend" aria-label={colourBy === 'owner' ? 'Owning teachers' : 'Classes'}>
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
        {(['pseudo', 'true', 'owner'] as const).map((c) => (
          <label key={c}>
            <input type="radio" name={`${id}-colour`} value={c} checked={colourBy === c} onChange={() => setColourBy(c)} /> {colourWords[c]}
          </label>
        ))}
        <InfoButton entry="pseudoLabel" />
        <InfoButton entry="owner" />
      </fieldset>
    </div>
  );
}

/** The student's common space beside a teacher's, coloured by pseudo-label, true label or owning teacher (item 5). */
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
  const names = legendNames(snapshot, colourBy);
  const legend = names.map((label, i) => ({ label, colour: classColour(i) }));
  const teacherIds = snapshot.teachers.map((x) => x.id);
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
          <EmbeddingPlot frame={frameOf(snapshot, snapshot.student.points, colourBy)} label="Student embedding" images={images} classNames={snapshot.classNames} teacherIds={teacherIds} />
        </ChartCard>
        <ChartCard title={`Teacher ${t.id}`} fileName={`embedding-${t.id}`} legend={legend}>
          <EmbeddingPlot key={t.id} frame={frameOf(snapshot, t.points, colourBy)} label={`Teacher ${t.id} embedding`} images={images} classNames={snapshot.classNames} teacherIds={teacherIds} />
        </ChartCard>
      </div>
      <Legend names={names} colourBy={colourBy} />
    </section>
  );
}
