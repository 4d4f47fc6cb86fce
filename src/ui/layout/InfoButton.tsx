import { useId, useRef } from 'react';
import { methodDocHref } from '../method/MethodDocLink';
import { glossary, glossaryTitle, type GlossaryEntry, type GlossaryKey } from './glossary';

/** Widest the card gets (22rem at 16 px), and its gap to the window's edge. */
const CARD_WIDTH = 352;
const MARGIN = 8;

/**
 * Puts the card under its button, inside the window. Done on click, before the browser shows
 * the popover, so it never flashes at the popover's default place (the window's centre).
 */
function placeCard(card: HTMLElement, button: HTMLElement): void {
  const box = button.getBoundingClientRect();
  const width = Math.min(CARD_WIDTH, window.innerWidth - 2 * MARGIN);
  const left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - width - MARGIN));
  const below = box.bottom + 4;
  card.style.left = `${left}px`;
  card.style.width = `${width}px`;
  // Near the bottom of the window the card opens upwards, its bottom at the button's top.
  if (below > window.innerHeight * 0.6) {
    card.style.top = 'auto';
    card.style.bottom = `${window.innerHeight - box.top + 4}px`;
  } else {
    card.style.top = `${below}px`;
    card.style.bottom = 'auto';
  }
}

/**
 * A small "i" beside a term: hovering shows the glossary's words (title), clicking opens a card
 * with the formula and the section of docs/method.md that says more. A native popover, so it
 * closes on Escape or a click elsewhere and is never clipped by a scrolling column.
 */
export function InfoButton({ entry }: { entry: GlossaryKey }) {
  const id = `info-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const card = useRef<HTMLDivElement>(null);
  const { term, plain, formula, doc }: GlossaryEntry = glossary[entry];
  return (
    <>
      <button
        type="button"
        className="info-button"
        popoverTarget={id}
        title={glossaryTitle(entry)}
        data-glossary={entry}
        onClick={(event) => card.current && placeCard(card.current, event.currentTarget)}
      >
        {/* Named by its content, not aria-label: getByLabel('Preset') must find the field, not its "i". */}
        <span aria-hidden="true">i</span>
        <span className="visually-hidden">About {term}</span>
      </button>
      <div ref={card} id={id} popover="auto" className="info-card" role="note">
        <strong>{term}</strong>
        <p>{plain}</p>
        {formula && <code className="info-formula">{formula}</code>}
        {doc && (
          <p className="info-doc">
            More in{' '}
            <a href={methodDocHref()} target="_blank" rel="noopener">
              docs/method.md
            </a>
            , section “{doc}”.
          </p>
        )}
      </div>
    </>
  );
}
