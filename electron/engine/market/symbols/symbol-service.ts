import type { Kysely } from 'kysely';
import type { DiscoveredMarket, EnabledSymbol, SymbolFilters, SymbolSort } from '../../../../shared/domain/symbol.ts';
import { fail, ok, type FieldIssue, type Result } from '../../../../shared/errors.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ExchangeMarket, ExchangeTicker, PublicMarketData } from '../../venues/exchange.ts';
import { discoverMarkets } from './discover.ts';
import { instrumentOf } from './instrument-of.ts';
import { CachedFetch } from './market-cache.ts';
import { disableSymbols, enableSymbols, listEnabled, symbolSettings, updateRiskMultiplier, type SymbolToEnable } from './symbols.repository.ts';

/** Where discovery gets an exchange's public data: the exchanges it may use, and a client per exchange. */
export interface PublicDataSource {
  exchanges(): Promise<readonly string[]>;
  /** `config`: the exchange's sandbox and ccxt options, when the caller has its own (the market source). */
  open(exchangeId: string, config?: { sandbox: boolean; options: Record<string, unknown> }): PublicMarketData;
}

interface Exchange {
  data: PublicMarketData;
  markets: CachedFetch<ExchangeMarket[]>;
  tickers: CachedFetch<ExchangeTicker[]>;
}

export interface SymbolPage {
  total: number;
  markets: DiscoveredMarket[];
  /** Said when part of the answer is missing (the exchange gave no volumes). */
  notice: string | null;
}

const MARKETS_TTL_MS = 5 * 60_000;
const TICKERS_TTL_MS = 60_000;

/** Symbol discovery and the symbols enabled per exchange, with their risk multipliers. */
export class SymbolService {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #source: PublicDataSource;
  readonly #onChange: (exchangeId: string) => void;
  readonly #exchanges = new Map<string, Exchange>();

  constructor(deps: { db: Kysely<Database>; clock: Clock; source: PublicDataSource; onChange?: (exchangeId: string) => void }) {
    this.#db = deps.db;
    this.#clock = deps.clock;
    this.#source = deps.source;
    this.#onChange = deps.onChange ?? (() => undefined);
  }

  exchanges(): Promise<readonly string[]> {
    return this.#source.exchanges();
  }

  async discover(exchangeId: string, filters: SymbolFilters, sort: SymbolSort, page: { offset: number; limit: number }): Promise<Result<SymbolPage>> {
    const exchange = await this.#exchange(exchangeId);
    if (!exchange.ok) return exchange;
    const [markets, tickers] = await Promise.all([exchange.value.markets.get(), exchange.value.tickers.get()]);
    if (!markets.ok) return markets;
    // Markets without their volumes are still worth listing (some exchanges refuse all tickers at once).
    const notice = tickers.ok ? null : `24 h volumes and prices are unknown: ${tickers.error.message}`;
    const found = discoverMarkets(markets.value, tickers.ok ? tickers.value : [], await symbolSettings(this.#db, exchangeId), filters, sort);
    return ok({ total: found.length, markets: found.slice(page.offset, page.offset + page.limit), notice });
  }

  list(exchangeId: string): Promise<EnabledSymbol[]> {
    return listEnabled(this.#db, exchangeId);
  }

  /** Enables every symbol or none: each must be an active spot or perpetual market with usable rules. */
  async enable(exchangeId: string, symbols: readonly string[], riskMultiplier?: number): Promise<Result<EnabledSymbol[]>> {
    const exchange = await this.#exchange(exchangeId);
    if (!exchange.ok) return exchange;
    const markets = await exchange.value.markets.get();
    if (!markets.ok) return markets;
    const bySymbol = new Map(markets.value.map((m) => [m.symbol, m]));
    const rows: SymbolToEnable[] = [];
    const issues: FieldIssue[] = [];
    symbols.forEach((symbol, index) => {
      const checked = enableable(exchangeId, bySymbol.get(symbol), symbol);
      if (checked.ok) rows.push({ ...checked.value, ...(riskMultiplier !== undefined ? { riskMultiplier } : {}) });
      else issues.push({ path: ['symbols', index], message: checked.error.message });
    });
    if (issues.length > 0) {
      const listed = issues.slice(0, 3).map((i) => i.message).join('; ');
      return fail('INVALID_INPUT', `None enabled: ${issues.length} of ${symbols.length} symbols cannot be traded on ${exchangeId} (${listed}${issues.length > 3 ? '; …' : ''})`, issues);
    }
    await enableSymbols(this.#db, exchangeId, rows, this.#clock.now());
    this.#onChange(exchangeId);
    return ok(await this.list(exchangeId));
  }

  /** Needs no exchange: a delisted market can still be disabled. */
  async disable(exchangeId: string, symbols: readonly string[]): Promise<EnabledSymbol[]> {
    if ((await disableSymbols(this.#db, exchangeId, symbols, this.#clock.now())) > 0) this.#onChange(exchangeId);
    return this.list(exchangeId);
  }

  async setRiskMultiplier(exchangeId: string, symbol: string, riskMultiplier: number): Promise<Result<EnabledSymbol[]>> {
    if (!(await updateRiskMultiplier(this.#db, exchangeId, symbol, riskMultiplier, this.#clock.now()))) {
      return fail('NOT_FOUND', `${symbol} was never enabled on ${exchangeId}: enable it first, then set its risk multiplier`);
    }
    this.#onChange(exchangeId);
    return ok(await this.list(exchangeId));
  }

  async close(): Promise<void> {
    await Promise.all([...this.#exchanges.values()].map((e) => e.data.close()));
    this.#exchanges.clear();
  }

  async #exchange(exchangeId: string): Promise<Result<Exchange>> {
    const known = this.#exchanges.get(exchangeId);
    if (known) return ok(known);
    const ids = await this.#source.exchanges();
    if (!ids.includes(exchangeId)) return fail('NOT_FOUND', `The engine does not know an exchange named "${exchangeId}"${ids.length ? ` (it knows ${ids.slice(0, 10).join(', ')})` : ''}`);
    // Another request may have opened it while the list was read: one client per exchange.
    const opened = this.#exchanges.get(exchangeId);
    if (opened) return ok(opened);
    const data = this.#source.open(exchangeId);
    const exchange: Exchange = {
      data,
      markets: new CachedFetch(() => data.markets(), this.#clock, MARKETS_TTL_MS),
      tickers: new CachedFetch(() => data.tickers(), this.#clock, TICKERS_TTL_MS),
    };
    this.#exchanges.set(exchangeId, exchange);
    return ok(exchange);
  }
}

function enableable(exchangeId: string, market: ExchangeMarket | undefined, symbol: string): Result<Omit<SymbolToEnable, 'riskMultiplier'>> {
  if (!market) return fail('INVALID_INPUT', `${symbol} is not a market on ${exchangeId}`);
  if (market.type !== 'spot' && market.type !== 'swap') return fail('INVALID_INPUT', `${symbol} is a ${market.type} market; only spot and perpetual swaps can be enabled`);
  if (!market.active) return fail('INVALID_INPUT', `${symbol} is not trading on ${exchangeId} (inactive)`);
  const instrument = instrumentOf(exchangeId, market);
  if (!instrument.ok) return instrument;
  const { base, quote, tickSize, stepSize, minNotional } = instrument.value;
  return ok({ symbol, base, quote, type: market.type, tickSize, stepSize, minNotional, minQty: Number.isFinite(market.minQty) && market.minQty > 0 ? market.minQty : 0 });
}
