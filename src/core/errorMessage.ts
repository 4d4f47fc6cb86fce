/**
 * The one way the project turns something thrown into words: an Error's message (without the
 * "Error: " that String() adds), else the value itself as text. Here so the core can use it
 * too; the protocol's error helpers (src/protocol/errors.ts) re-export it for everyone else.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
