import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { coalescingStream } from './coalescing-stream.ts';

export interface Seeded<T> {
  /** Sent before any update (the stream's history), if any. */
  first?: T;
  /** What one bar update becomes, or null when it changes nothing. */
  onUpdate(update: CandleUpdate): T | null;
}

/**
 * A coalesced live stream that starts from stored state. It listens before reading the store, so
 * a bar published during the read is not lost: such bars are replayed once the seed is ready
 * (`onUpdate` must ignore what the seed already holds).
 */
export async function* seededStream<T>(
  subscribe: (listener: (update: CandleUpdate) => void) => () => void,
  seed: () => Promise<Seeded<T>>,
  keyOf: (event: T) => string,
  signal: AbortSignal | undefined,
): AsyncGenerator<T, void, unknown> {
  const early: CandleUpdate[] = [];
  let sink = (update: CandleUpdate): void => void early.push(update);
  const unsubscribe = subscribe((update) => sink(update));
  try {
    const { first, onUpdate } = await seed();
    yield* coalescingStream<T>(
      (push) => {
        if (first !== undefined) push(first);
        sink = (update) => {
          const event = onUpdate(update);
          if (event !== null) push(event);
        };
        for (const update of early.splice(0)) sink(update);
        return unsubscribe;
      },
      keyOf,
      signal,
    );
  } finally {
    unsubscribe();
  }
}
