/** Ten colours that stay apart for the usual colour-vision deficiencies (Tableau 10), then repeated. */
const TABLEAU = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const seriesColour = (i: number): string => TABLEAU[i % TABLEAU.length];

/** A class's colour in the embedding plot and its legend (an unknown class, -1, is grey). */
export const classColour = (label: number): string => (label < 0 ? '#888888' : TABLEAU[label % TABLEAU.length]);
