import { describe, expect, it } from 'vitest';
import type { CandleUpdate } from '../../../shared/domain/candle.ts';
import { seededStream } from './seeded-stream.ts';

const update = (ts: number, closed = true): CandleUpdate => ({ symbol: 'BTC/USDT', timeframe: '1m', candle: { ts, open: 1, high: 1, low: 1, close: 1, volume: 1 }, closed });

/** A bus with one topic, as the engine's. */
function bus() {
  const listeners = new Set<(u: CandleUpdate) => void>();
  return {
    subscribe: (listener: (u: CandleUpdate) => void) => (listeners.add(listener), () => listeners.delete(listener)),
    emit: (u: CandleUpdate) => listeners.forEach((l) => l(u)),
    get size() {
      return listeners.size;
    },
  };
}

describe('seededStream', () => {
  it('keeps a bar published while the store is read, after the seed and without the bars the seed already holds', async () => {
    const market = bus();
    const stop = new AbortController();
    let seededUpTo = 0;
    const stream = seededStream<number>(
      market.subscribe,
      async () => {
        // Bars close while the read is under way: 2 is in the store by the time the read ends, 3 is not.
        market.emit(update(2));
        market.emit(update(3));
        seededUpTo = 2;
        return { first: -1, onUpdate: (u) => (u.candle.ts > seededUpTo ? u.candle.ts : null) };
      },
      String,
      stop.signal,
    );
    const seen: number[] = [];
    for await (const value of stream) {
      seen.push(value);
      if (value === -1) market.emit(update(4));
      if (value === 4) break;
    }
    expect(seen).toEqual([-1, 3, 4]);
    expect(market.size).toBe(0);
  });

  it('stops listening when the seed fails, and reports the failure', async () => {
    const market = bus();
    const stream = seededStream<number>(market.subscribe, () => Promise.reject(new Error('No bot bot-x')), String, undefined);
    await expect(stream.next()).rejects.toThrow('No bot bot-x');
    expect(market.size).toBe(0);
  });
});
