/** An AbortSignal that the first Ctrl-C aborts; a later one quits at once (nothing is written). */
export function abortOnSigint(): AbortSignal {
  const controller = new AbortController();
  let first = 0;
  process.on('SIGINT', () => {
    if (!first) {
      first = Date.now();
      process.stderr.write('\ninterrupted: stopping after this step (Ctrl-C again to quit now)\n');
      controller.abort();
      return;
    }
    // npm forwards the terminal's Ctrl-C to its child, so one keypress can arrive twice at once.
    if (Date.now() - first > 1000) process.exit(130);
  });
  return controller.signal;
}
