import { useEffect } from 'react';
import { studioStore } from '../store/studioStore';
import { commandForKey, type CommandContext } from './trainingCommands';

/** Typing in a field must not start or stop a run. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

/** The training commands' keys, page-wide (S start, P pause, R resume, N step, X stop). */
export function useTrainingShortcuts(ctx: CommandContext): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      const command = commandForKey(e.key, studioStore.getState());
      if (!command) return;
      e.preventDefault();
      void command.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx]);
}
