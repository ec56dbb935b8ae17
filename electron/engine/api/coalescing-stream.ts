import { delay } from '../../../shared/delay.ts';

/**
 * At most this many deliveries per second per stream: what a screen can show. A market running at
 * 500 candles/s would otherwise send every tick to every client.
 */
export const MAX_FLUSHES_PER_SECOND = 20;
const FLUSH_INTERVAL_MS = 1000 / MAX_FLUSHES_PER_SECOND;

/**
 * Turns pushed events into an async iterator for a streaming procedure. Events with the same key
 * replace one another while waiting (the latest state wins), and waiting events are delivered
 * together at most `MAX_FLUSHES_PER_SECOND` times a second. So what a client can be owed is
 * bounded by the number of keys, however fast the engine pushes or however slowly the client reads:
 * a slow client (the transport awaits each send) simply gets the latest state when it catches up.
 */
export async function* coalescingStream<T>(
  subscribe: (push: (event: T) => void) => () => void,
  keyOf: (event: T) => string,
  signal: AbortSignal | undefined,
  flushIntervalMs = FLUSH_INTERVAL_MS,
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
  const nextEventOrAbort = () => new Promise<void>((resolve) => (wake = resolve)).finally(() => (wake = null));
  try {
    while (!signal?.aborted) {
      if (pending.size === 0) {
        await nextEventOrAbort();
        continue;
      }
      const batch = [...pending.values()];
      pending.clear();
      for (const event of batch) yield event;
      // The pause starts after the client took the batch, so deliveries never exceed the rate.
      await delay(flushIntervalMs, signal);
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}
