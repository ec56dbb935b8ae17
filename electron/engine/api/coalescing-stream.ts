/**
 * Turns pushed events into an async iterator for a streaming procedure. Events with the same key
 * replace one another while waiting, so a slow client gets the latest state instead of a growing
 * backlog (a forming bar updates many times per second; only its last state matters).
 */
export async function* coalescingStream<T>(
  subscribe: (push: (event: T) => void) => () => void,
  keyOf: (event: T) => string,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, unknown> {
  const pending = new Map<string, T>();
  let wake: (() => void) | null = null;
  const unsubscribe = subscribe((event) => {
    const key = keyOf(event);
    pending.delete(key); // re-inserted at the end: keeps delivery in arrival order
    pending.set(key, event);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      if (pending.size === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      const batch = [...pending.values()];
      pending.clear();
      for (const event of batch) yield event;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
