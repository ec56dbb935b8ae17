import type { DiscoveredMarket, SymbolFilters, SymbolSort } from '../../../../shared/domain/symbol.ts';
import { MAX_SYMBOL_LENGTH } from '../../../../shared/domain/limits.ts';
import type { ExchangeMarket, ExchangeTicker } from '../../venues/exchange.ts';

/** What we keep per symbol: whether it is enabled, and its risk multiplier (kept while disabled). */
export interface SymbolSetting {
  enabled: boolean;
  riskMultiplier: number;
}

/** An exchange's number we can use: finite and not negative; anything else is as if it said nothing. */
const usable = (value: number | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/**
 * Whether we could trade the market at all: a symbol our contract carries, and increments to round
 * to. One odd market from an exchange must not break the whole list.
 */
const tradable = (market: ExchangeMarket) =>
  market.symbol.length > 0 && market.symbol.length <= MAX_SYMBOL_LENGTH && Number.isFinite(market.tickSize) && market.tickSize > 0 && Number.isFinite(market.stepSize) && market.stepSize > 0;

/** Whether one market passes every filter. A market whose 24 h volume is unknown passes only a zero minimum. */
export function matchesFilters(market: ExchangeMarket, quoteVolume24h: number | null, filters: SymbolFilters): boolean {
  if (filters.quote && market.quote.toUpperCase() !== filters.quote) return false;
  if (!(filters.types as readonly string[]).includes(market.type)) return false;
  if (filters.activeOnly && !market.active) return false;
  if (filters.minQuoteVolume24h > 0 && (quoteVolume24h === null || quoteVolume24h < filters.minQuoteVolume24h)) return false;
  if (filters.search && !market.symbol.toLowerCase().includes(filters.search.toLowerCase())) return false;
  return true;
}

/** Unknown volumes go last whichever the direction; equal ones are ordered by symbol, so pages never overlap. */
function compare(sort: SymbolSort): (a: DiscoveredMarket, b: DiscoveredMarket) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const bySymbol = (a: DiscoveredMarket, b: DiscoveredMarket) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  if (sort.by === 'symbol') return (a, b) => sign * bySymbol(a, b);
  return (a, b) => {
    if (a.quoteVolume24h === b.quoteVolume24h) return bySymbol(a, b);
    if (a.quoteVolume24h === null) return 1;
    if (b.quoteVolume24h === null) return -1;
    return sign * (a.quoteVolume24h - b.quoteVolume24h);
  };
}

/** The exchange's tradable markets that pass the filters, with their 24 h activity and our settings, sorted. */
export function discoverMarkets(
  markets: readonly ExchangeMarket[],
  tickers: readonly ExchangeTicker[],
  settings: ReadonlyMap<string, SymbolSetting>,
  filters: SymbolFilters,
  sort: SymbolSort,
): DiscoveredMarket[] {
  const tickerOf = new Map(tickers.map((t) => [t.symbol, t]));
  const found: DiscoveredMarket[] = [];
  for (const market of markets) {
    if (!tradable(market)) continue;
    const ticker = tickerOf.get(market.symbol);
    const quoteVolume24h = usable(ticker?.quoteVolume24h);
    if (!matchesFilters(market, quoteVolume24h, filters)) continue;
    const setting = settings.get(market.symbol);
    const { symbol, base, quote, type, active, tickSize, stepSize, minNotional, minQty } = market;
    found.push({
      symbol, base, quote, type, active, tickSize, stepSize,
      minNotional: usable(minNotional) ?? 0,
      minQty: usable(minQty) ?? 0,
      last: usable(ticker?.last),
      quoteVolume24h,
      enabled: setting?.enabled ?? false,
      riskMultiplier: setting?.riskMultiplier ?? null,
    });
  }
  return found.sort(compare(sort));
}
