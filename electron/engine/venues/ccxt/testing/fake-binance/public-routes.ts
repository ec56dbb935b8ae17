import { BinanceError, type FakeBook } from './book.ts';
import { exchangeInfoSymbol } from './markets.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function intervalMs(interval: string | null): number {
  const match = /^(\d+)([mhdw])$/.exec(interval ?? '');
  if (!match) throw new BinanceError(400, -1120, 'Invalid interval.');
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

/** Deterministic bars around the symbol's price: the same request always gets the same candles. */
function kline(base: number, openTime: number, ms: number): unknown[] {
  const wave = (t: number) => base * (1 + 0.01 * Math.sin(t / ms / 7));
  const open = wave(openTime);
  const close = wave(openTime + ms);
  const high = Math.max(open, close) * 1.001;
  const low = Math.min(open, close) * 0.999;
  const f = (n: number) => n.toFixed(8);
  return [openTime, f(open), f(high), f(low), f(close), '12.50000000', openTime + ms - 1, f(12.5 * close), 100, '6.25000000', f(6.25 * close), '0'];
}

function klines(book: FakeBook, q: URLSearchParams, now: number): unknown[] {
  const symbol = q.get('symbol') ?? '';
  book.symbol(symbol);
  const ms = intervalMs(q.get('interval'));
  const limit = Math.min(Number(q.get('limit') ?? 500), 1000);
  const end = Math.min(Number(q.get('endTime') ?? now), now);
  const lastOpen = Math.floor(end / ms) * ms;
  const start = q.get('startTime') !== null ? Math.ceil(Number(q.get('startTime')) / ms) * ms : lastOpen - (limit - 1) * ms;
  const bars: unknown[] = [];
  for (let t = start; t <= lastOpen && bars.length < limit; t += ms) bars.push(kline(book.price(symbol), t, ms));
  return bars;
}

function ticker(book: FakeBook, symbol: string, now: number): Record<string, unknown> {
  const last = book.price(symbol);
  const open = last * 0.98;
  const volume = symbol === 'BTCUSDT' ? 20_000 : 1_000;
  return {
    symbol, priceChange: String(last - open), priceChangePercent: '2.000', weightedAvgPrice: String(last), prevClosePrice: String(open),
    lastPrice: String(last), lastQty: '0.1', bidPrice: String(last), bidQty: '1', askPrice: String(last), askQty: '1',
    openPrice: String(open), highPrice: String(last * 1.01), lowPrice: String(open * 0.99), volume: String(volume), quoteVolume: String(volume * last),
    openTime: now - 86_400_000, closeTime: now, firstId: 1, lastId: 100, count: 100,
  };
}

function tickers(book: FakeBook, q: URLSearchParams, now: number): unknown {
  const one = q.get('symbol');
  if (one !== null) return ticker(book, book.symbol(one).symbol, now);
  const many = q.get('symbols');
  const names = many !== null ? (JSON.parse(many) as string[]) : [...book.symbols.keys()];
  return names.map((name) => ticker(book, book.symbol(name).symbol, now));
}

export type PublicRoute = (book: FakeBook, query: URLSearchParams, now: number) => unknown;

export const PUBLIC_ROUTES: Record<string, PublicRoute> = {
  'GET /api/v3/ping': () => ({}),
  'GET /api/v3/time': (_book, _q, now) => ({ serverTime: now }),
  'GET /api/v3/exchangeInfo': (book, _q, now) => ({
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
    exchangeFilters: [],
    symbols: [...book.symbols.values()].map(exchangeInfoSymbol),
  }),
  'GET /api/v3/klines': klines,
  'GET /api/v3/ticker/24hr': tickers,
};
