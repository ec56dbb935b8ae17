import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SymbolFiltersSchema, type SymbolFilters } from '../../../../shared/domain/symbol.ts';
import type { ExchangeMarket, ExchangeTicker, MarketType } from '../../venues/exchange.ts';
import { discoverMarkets, matchesFilters } from './discover.ts';

const market = (symbol: string, type: MarketType = 'spot', active = true): ExchangeMarket => {
  const [base = '', quote = ''] = symbol.split(/[/:]/);
  return { symbol, base, quote, type, active, tickSize: 0.01, stepSize: 0.001, minNotional: 5, minQty: 0.001 };
};
const MARKETS = [market('BTC/USDT'), market('ETH/USDT'), market('ETH/BTC'), market('LUNA/USDT', 'spot', false), market('BTC/USDT:USDT', 'swap'), market('BTC/USD:BTC-261225', 'future'), market('DOGE/USDC')];
const TICKERS: ExchangeTicker[] = [
  { symbol: 'BTC/USDT', last: 65000, quoteVolume24h: 2e9 },
  { symbol: 'ETH/USDT', last: 3200, quoteVolume24h: 9e8 },
  { symbol: 'ETH/BTC', last: 0.05, quoteVolume24h: 300 },
  { symbol: 'LUNA/USDT', last: 0.0001, quoteVolume24h: 10 },
  { symbol: 'BTC/USDT:USDT', last: 65010, quoteVolume24h: 5e9 },
  { symbol: 'DOGE/USDC', last: 0.1, quoteVolume24h: Number.NaN },
];
const filters = (f: Partial<SymbolFilters>) => SymbolFiltersSchema.parse(f);
const symbols = (f: Partial<SymbolFilters>) => discoverMarkets(MARKETS, TICKERS, new Map(), filters(f), { by: 'volume', direction: 'desc' }).map((m) => m.symbol);

describe('symbol discovery filters', () => {
  it('defaults to active spot markets, most traded first, unknown volume last', () => {
    expect(symbols({})).toEqual(['BTC/USDT', 'ETH/USDT', 'ETH/BTC', 'DOGE/USDC']);
  });
  it('filters by quote currency, whatever its case', () => {
    expect(symbols({ quote: 'usdt' })).toEqual(['BTC/USDT', 'ETH/USDT']);
  });
  it('filters by type: perpetual swaps only, or both; dated futures never', () => {
    expect(symbols({ types: ['swap'] })).toEqual(['BTC/USDT:USDT']);
    expect(symbols({ types: ['spot', 'swap'], quote: 'USDT' })).toEqual(['BTC/USDT:USDT', 'BTC/USDT', 'ETH/USDT']);
  });
  it('shows inactive markets only when asked', () => {
    expect(symbols({ activeOnly: false, quote: 'USDT' })).toEqual(['BTC/USDT', 'ETH/USDT', 'LUNA/USDT']);
  });
  it('drops markets under the minimum 24 h volume and those whose volume the exchange did not say (NaN)', () => {
    expect(symbols({ minQuoteVolume24h: 1000 })).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(symbols({ minQuoteVolume24h: 1e9, types: ['spot', 'swap'] })).toEqual(['BTC/USDT:USDT', 'BTC/USDT']);
  });
  it('combines quote, type, volume, activity and search', () => {
    expect(symbols({ quote: 'USDT', types: ['spot', 'swap'], minQuoteVolume24h: 1e9, search: 'btc' })).toEqual(['BTC/USDT:USDT', 'BTC/USDT']);
    expect(symbols({ quote: 'BTC', minQuoteVolume24h: 1000 })).toEqual([]);
  });
  it('sorts by symbol when asked, and marks enabled symbols with their multiplier', () => {
    const found = discoverMarkets(MARKETS, TICKERS, new Map([['ETH/BTC', { enabled: true, riskMultiplier: 0.5 }]]), filters({}), { by: 'symbol', direction: 'asc' });
    expect(found.map((m) => m.symbol)).toEqual(['BTC/USDT', 'DOGE/USDC', 'ETH/BTC', 'ETH/USDT']);
    expect(found.find((m) => m.symbol === 'ETH/BTC')).toMatchObject({ enabled: true, riskMultiplier: 0.5 });
    expect(found.find((m) => m.symbol === 'BTC/USDT')).toMatchObject({ enabled: false, riskMultiplier: null });
  });

  const arbitraryMarket = fc.record({
    base: fc.constantFrom('BTC', 'ETH', 'SOL', 'XRP'),
    quote: fc.constantFrom('USDT', 'USDC', 'BTC'),
    type: fc.constantFrom<MarketType>('spot', 'swap', 'future', 'option'),
    active: fc.boolean(),
    volume: fc.option(fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.constant(Number.NaN), fc.constant(-1)), { nil: null }),
  });
  const arbitraryFilters = fc.record({
    quote: fc.option(fc.constantFrom('USDT', 'usdc', 'BTC', ''), { nil: undefined }),
    types: fc.subarray(['spot', 'swap'] as const, { minLength: 1 }),
    minQuoteVolume24h: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e12, noNaN: true })),
    activeOnly: fc.boolean(),
    search: fc.option(fc.constantFrom('btc', 'T/U', 'x'), { nil: undefined }),
  });

  it('returns exactly the markets satisfying every filter, each once, sorted (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryMarket, { maxLength: 40 }), arbitraryFilters, (drawn, raw) => {
        const f = filters(raw);
        const markets = drawn.map((d, i) => market(`${d.base}${i}/${d.quote}${d.type === 'spot' ? '' : `:${d.quote}`}`, d.type, d.active));
        const tickers = drawn.map((d, i) => ({ symbol: markets[i]?.symbol ?? '', last: 1, quoteVolume24h: d.volume }));
        const found = discoverMarkets(markets, tickers, new Map(), f, { by: 'volume', direction: 'desc' });
        const expected = markets.filter((m, i) => {
          const v = drawn[i]?.volume ?? null;
          const known = v !== null && Number.isFinite(v) && v >= 0;
          return (
            (!f.quote || m.quote === f.quote) &&
            (f.types as string[]).includes(m.type) &&
            (!f.activeOnly || m.active) &&
            (f.minQuoteVolume24h === 0 || (known && v >= f.minQuoteVolume24h)) &&
            (!f.search || m.symbol.toLowerCase().includes(f.search.toLowerCase()))
          );
        });
        expect(new Set(found.map((m) => m.symbol))).toEqual(new Set(expected.map((m) => m.symbol)));
        expect(found).toHaveLength(expected.length);
        for (const m of found) expect(matchesFilters(m, m.quoteVolume24h, f)).toBe(true);
        const volumes = found.map((m) => m.quoteVolume24h ?? -1);
        expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
      }),
    );
  });
});
