import { useStudio } from '../store/studioStore';
import { useStaggered } from './staggered';
import { ChartCard } from './ChartCard';
import { pageColours } from './chartPng';
import { unionClassNames } from './chartRows';
import { confusionToPng, rowShare } from './confusionPng';

function Table({ matrix, names }: { matrix: number[][]; names: string[] }) {
  return (
    <div className="confusion-scroll">
      <table className="confusion">
        <thead>
          <tr>
            <th scope="col" aria-label="true class / predicted" />
            {names.map((n) => (
              <th key={n} scope="col">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={names[i] ?? i}>
              <th scope="row">{names[i] ?? i}</th>
              {row.map((v, j) => {
                const tone = i === j ? 'var(--ok)' : 'var(--bad)';
                return (
                  <td key={j} style={{ background: `color-mix(in srgb, ${tone} ${Math.round(rowShare(row, v) * 85)}%, transparent)` }} title={`true ${names[i]}, predicted ${names[j]}: ${v}`}>
                    {v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The latest evaluation's confusion matrix: rows are true classes, columns the student's predictions. Staggered like the charts. */
export function ConfusionMatrix() {
  const latest = useStaggered(useStudio((s) => s.evaluations.at(-1)));
  const ready = latest && latest.confusion.length > 0 ? latest : null;
  const names = ready ? unionClassNames(ready) : [];
  const title = ready ? `Confusion matrix (step ${ready.step}: rows true class, columns predicted)` : 'Confusion matrix';
  return (
    <ChartCard
      title={title}
      fileName="confusion"
      info="confusion"
      empty={ready ? null : "The student's confusion matrix on the test set appears at each evaluation."}
      toPng={ready ? () => confusionToPng(ready.confusion, names, pageColours()) : undefined}
    >
      {ready && <Table matrix={ready.confusion} names={names} />}
    </ChartCard>
  );
}
