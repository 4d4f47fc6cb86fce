import type { ReactNode } from 'react';
import type { GlossaryKey } from './glossary';
import { InfoButton } from './InfoButton';

/**
 * One numbered set-up step (teachers, data, method): a panel whose body folds away under its
 * heading, which keeps a one-line summary of the choice made so that a folded step still says
 * what the run will use. Open at first; the step number is hidden from screen readers so the
 * region is named by its title alone ("Method").
 */
export function Step(props: { id: string; number: number; title: string; summary?: ReactNode; info?: GlossaryKey; children: ReactNode }) {
  const { id, number, title, summary, info, children } = props;
  return (
    <section aria-labelledby={`${id}-heading`} className="panel step" data-step={id}>
      <details open className="step-details">
        <summary>
          <h2 id={`${id}-heading`}>
            <span className="step-number" aria-hidden="true">
              {number}
            </span>
            {title}
          </h2>
          {summary && <span className="step-summary">{summary}</span>}
        </summary>
        {info && (
          <div className="step-info">
            <InfoButton entry={info} />
          </div>
        )}
        {children}
      </details>
    </section>
  );
}
