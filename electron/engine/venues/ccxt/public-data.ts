import type { Exchange, Market } from 'ccxt';
import type { Candle } from '../../../../shared/domain/candle.ts';
import { ok, type Result } from '../../../../shared/errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { ExchangeAccountConfig, ExchangeMarket, ExchangeTicker, MarketType, PublicMarketData } from '../exchange.ts';
import { buildExchange } from './build-exchange.ts';
import { type Attempt, ExchangeCalls } from './exchange-calls.ts';
import { increment } from './instruments.ts';

/** Candles per request: under every major exchange's page size (Binance 1000, OKX 300 for history). */
const CANDLE_PAGE = 300;
const MARKET_TYPES = new Set<MarketType>(['spot', 'swap', 'future', 'option']);

function toMarket(market: NonNullable<Market>, mode: number): ExchangeMarket | null {
  const tickSize = increment(market.precision.price, mode);
  const stepSize = increment(market.precision.amount, mode);
  if (!market.symbol || tickSize === null || stepSize === null || !MARKET_TYPES.has(market.type as MarketType)) return null;
  return {
    symbol: market.symbol, base: market.base, quote: market.quote, type: market.type as MarketType, active: market.active !== false,
    tickSize, stepSize, minNotional: market.limits.cost?.min ?? 0, minQty: market.limits.amount?.min ?? 0,
  };
}

const asResult = <T>(attempt: Attempt<T>): Result<T> => (attempt.ok ? ok(attempt.value) : { ok: false, error: attempt.error });

/** An exchange's public data, without keys: the client is built on first use. */
export class CcxtPublicData implements PublicMarketData {
  readonly exchangeId: string;
  readonly #config: Omit<ExchangeAccountConfig, 'accountId'>;
  readonly #logger: Logger;
  #calls: Promise<Result<ExchangeCalls>> | null = null;

  constructor(config: Omit<ExchangeAccountConfig, 'accountId'>, logger: Logger) {
    this.exchangeId = config.exchangeId;
    this.#config = config;
    this.#logger = logger;
  }

  async markets(): Promise<Result<ExchangeMarket[]>> {
    return this.#run('the market list', async (ex) => {
      const markets = await ex.loadMarkets(true);
      return Object.values(markets).flatMap((m) => (m ? (toMarket(m, Number(ex.precisionMode)) ?? []) : []));
    });
  }

  async tickers(symbols?: readonly string[]): Promise<Result<ExchangeTicker[]>> {
    return this.#run('the prices', async (ex) => {
      await ex.loadMarkets();
      const tickers = await ex.fetchTickers(symbols ? [...symbols] : undefined);
      return Object.values(tickers).flatMap((t) => (t.symbol ? [{ symbol: t.symbol, last: t.last ?? null, quoteVolume24h: t.quoteVolume ?? null }] : []));
    });
  }

  /** Pages by `since` and a page size itself (ccxt's `paginate` fires its pages in parallel and caps the depth). */
  async candles(symbol: string, timeframe: string, since: number | undefined, limit: number): Promise<Result<Candle[]>> {
    return this.#run(`the ${timeframe} candles of ${symbol}`, async (ex) => {
      await ex.loadMarkets();
      const out: Candle[] = [];
      let cursor = since;
      while (out.length < limit) {
        const page = await ex.fetchOHLCV(symbol, timeframe, cursor, Math.min(CANDLE_PAGE, limit - out.length));
        const fresh = page.filter((bar) => out.length === 0 || Number(bar[0]) > (out.at(-1)?.ts ?? -Infinity));
        out.push(...fresh.map(([ts, open, high, low, close, volume]) => ({ ts: Number(ts), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) })));
        if (cursor === undefined || fresh.length === 0) break;
        cursor = (out.at(-1)?.ts ?? cursor) + 1;
      }
      return out.slice(0, limit);
    });
  }

  async close(): Promise<void> {
    this.#calls = null;
  }

  async #run<T>(action: string, call: (exchange: Exchange) => Promise<T>): Promise<Result<T>> {
    this.#calls ??= buildExchange(this.#config, {}).then((built) => (built.ok ? ok(new ExchangeCalls({ exchange: built.value, credentials: {}, logger: this.#logger })) : built));
    const calls = await this.#calls;
    if (!calls.ok) return calls;
    return asResult(await calls.value.withRetry(action, call));
  }
}
