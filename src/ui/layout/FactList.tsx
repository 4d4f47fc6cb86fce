/** One fact: its `data-field` name (tests read values by it, not prose), its term, its value. */
export type Fact = [field: string, term: string, value: string];

/**
 * A definition list of facts, each value's <dd> carrying its `data-field` name. `compact` runs
 * the facts on in one line, terms left to screen readers: for list rows where space is short.
 */
export function FactList({ rows, compact = false }: { rows: Fact[]; compact?: boolean }) {
  return (
    <dl className={compact ? 'facts facts-inline' : 'facts'}>
      {rows.map(([field, term, value]) => (
        <div key={field}>
          <dt className={compact ? 'visually-hidden' : undefined}>{term}</dt>
          <dd data-field={field}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
