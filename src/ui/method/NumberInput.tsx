import { useEffect, useId, useState } from 'react';
import { limitsOf, numberProblem, rangeText, type NumberField } from './configLimits';
import { fieldText } from './methodFields';
import { useInputProblem } from './useInputProblem';

/**
 * A labelled number input with its explanation and range. It keeps what the user types
 * (a half-typed '0.' is not a number yet) and commits every value that parses; the
 * range is checked again by validateConfig when the run starts. While the text is not a value
 * the field takes, Start refuses (useInputProblem): the draft still holds the last good one.
 */
export function NumberInput({ field, value, onChange }: { field: NumberField; value: number; onChange(value: number): void }) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]);
  const limits = limitsOf(field);
  const problem = numberProblem(text, field);
  const { label, help } = fieldText(field);
  useInputProblem(field, label, problem, text);
  return (
    <div className="field" data-config-field={field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={limits.min}
        max={limits.max}
        step={limits.integer ? 1 : 'any'}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(n);
        }}
      />
      <small id={`${id}-help`} className="field-help">
        {help} <span className="field-range">({rangeText(limits)})</span>
        {problem && (
          <span role="alert" className="field-problem">
            {' '}
            {label} {problem}.
          </span>
        )}
      </small>
    </div>
  );
}
