/**
 * Wraps a refresh so that a burst of calls costs at most two runs: the one in flight and one more
 * after it (which sees everything the burst announced). A failure, such as the engine being
 * unreachable, is swallowed: the view keeps what it showed, the connection banner explains, and
 * the next event or reconnection refreshes again. Callers may await it; it never rejects.
 */
export function singleFlight(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    if (!running) {
      running = run()
        .catch(() => undefined)
        .finally(() => (running = null));
      return running;
    }
    queued ??= running.then(() => {
      queued = null;
      return refresh();
    });
    return queued;
  };
  return refresh;
}
