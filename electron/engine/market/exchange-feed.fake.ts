import type { Candle } from '../../../shared/domain/candle.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { PublicMarketData } from '../venues/exchange.ts';
import { BAR_MS } from './exchange-feed-bars.ts';

/** A made-up but reproducible bar: its prices come from its minute, so every test can say what it should be. */
export function barAt(ts: number, symbolIndex = 0): Candle {
  const base = 100 + symbolIndex + ((ts / BAR_MS) % 50);
  return { ts, open: base, high: base + 2, low: base - 1, close: base + 1, volume: 10 };
}

export interface FakeCandlesOptions {
  /** When the exchange is unreachable (a failed request, no answer). */
  down?: (now: number) => boolean;
  /** Bars before `since` added to every page, as exchanges whose pages overlap do. */
  overlapBars?: number;
  /** What the exchange answers instead of the real bar at a time (garbage). */
  garbage?: ReadonlyMap<number, Partial<Candle>>;
  /** Whether a page comes back newest first. */
  reversed?: boolean;
  /** Symbols the exchange has no bars for (delisted): every page is empty. */
  silent?: ReadonlySet<string>;
  /** Symbols the exchange refuses (it answers, with an error about the symbol). */
  refused?: ReadonlySet<string>;
}

/**
 * An exchange's public candles in memory, on a test's clock: bars from `firstTs` up to the forming
 * one, whose close moves with the second. Counts requests and how many were in flight at once.
 */
export function fakeCandles(clock: { now(): number }, symbols: readonly string[], firstTs: number, options: FakeCandlesOptions = {}) {
  const requests: { at: number; symbol: string; since: number | undefined }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const candles = async (symbol: string, _timeframe: string, since: number | undefined, limit: number): Promise<Result<Candle[]>> => {
    const now = clock.now();
    requests.push({ at: now, symbol, since });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    if (options.down?.(now)) return fail('UNAVAILABLE', 'binance did not answer (connection refused)');
    if (options.silent?.has(symbol)) return ok([]);
    if (options.refused?.has(symbol)) return fail('REFUSED', `binance does not list ${symbol}`);
    const index = symbols.indexOf(symbol);
    const formingTs = Math.floor(now / BAR_MS) * BAR_MS;
    const bars: Candle[] = [];
    for (let ts = Math.max(firstTs, (since ?? firstTs) - (options.overlapBars ?? 0) * BAR_MS); ts <= formingTs && bars.length < limit; ts += BAR_MS) {
      const bar = barAt(ts, index);
      if (ts === formingTs) bar.close = bar.open + ((now % BAR_MS) / BAR_MS);
      bars.push({ ...bar, ...options.garbage?.get(ts) });
    }
    return ok(options.reversed ? bars.reverse() : bars);
  };
  const data: PublicMarketData = {
    exchangeId: 'binance',
    markets: async () => ok([]),
    tickers: async () => ok([]),
    candles,
    close: async () => undefined,
  };
  return { data, requests, maxInFlight: () => maxInFlight };
}
