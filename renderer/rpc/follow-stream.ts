import { backoffMs, delay } from './backoff.ts';
import { whenConnected } from './connection.ts';

export interface StreamHandlers<T> {
  /** The stream is (re)subscribed: reload a snapshot, since anything may have changed meanwhile. */
  onOpen(): void;
  onItem(item: T): void;
}

/**
 * Keeps one live stream going across reconnections: waits for the connection, subscribes, and
 * when the stream breaks (the host went away, a handler threw) waits and subscribes again.
 * It never rejects, so a dropped host cannot turn into a storm of uncaught errors; it ends when
 * `signal` aborts.
 */
export async function followStream<T>(open: (signal: AbortSignal) => Promise<AsyncIterable<T>>, handlers: StreamHandlers<T>, signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    await whenConnected(signal);
    if (signal.aborted) return;
    try {
      const stream = await open(signal);
      handlers.onOpen();
      failures = 0;
      for await (const item of stream) {
        // An item already on its way when the follower stopped is dropped: what it would update may be gone.
        if (signal.aborted) return;
        handlers.onItem(item);
      }
    } catch {
      // Retried below; the connection banner tells the trader when the host is unreachable.
    }
    // A stream that ends while the connection stays up is retried after a growing pause, never in a tight loop.
    await delay(backoffMs(failures++), signal);
  }
}
