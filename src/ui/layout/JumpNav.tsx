const SECTIONS: [heading: string, label: string][] = [
  ['teachers-heading', 'Teachers'],
  ['data-heading', 'Data'],
  ['method-heading', 'Method'],
  ['training-heading', 'Training'],
  ['live-heading', 'Live views'],
  ['results-heading', 'Results'],
];

/**
 * Jumps to a panel (a folded step unfolds): on a narrow window the run panels come after the set-up. Buttons,
 * not #anchors, so the address bar keeps a shared config (#config=...).
 */
export function JumpNav() {
  const jump = (id: string) => {
    const heading = document.getElementById(id);
    const step = heading?.closest('details');
    if (step) step.open = true; // a folded step unfolds when jumped to
    heading?.scrollIntoView({ block: 'start' });
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  };
  return (
    <nav aria-label="Jump to" className="jump-nav">
      {SECTIONS.map(([id, label]) => (
        <button key={id} type="button" className="link-button" onClick={() => jump(id)}>
          {label}
        </button>
      ))}
    </nav>
  );
}
