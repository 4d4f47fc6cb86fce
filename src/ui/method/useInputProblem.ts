import { useEffect } from 'react';
import { studioStore } from '../store/studioStore';
import { typedProblem } from './configLimits';

/**
 * Tells the store what is wrong with an input's typed text (null: nothing), so Start refuses
 * with it; forgotten when the input goes away.
 */
export function useInputProblem(input: string, label: string, problem: string | null, text: string): void {
  useEffect(() => {
    studioStore.getState().setInputProblem(input, problem === null ? null : typedProblem(label, problem, text));
  }, [input, label, problem, text]);
  useEffect(() => () => studioStore.getState().setInputProblem(input, null), [input]);
}
