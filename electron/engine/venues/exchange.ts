import type { Candle } from '../../../shared/domain/candle.ts';
import type { Result } from '../../../shared/errors.ts';
import type { Venue, VenueBalance } from './venue.ts';

/**
 * What the engine knows of an exchange account, without its keys: enough to build a client.
 * `options` is the trader's advanced ccxt configuration (as freqtrade's `ccxt_config`), for
 * example `{ "urls": { "api": { ... } } }` to reach a testnet or a compatible endpoint.
 */
export interface ExchangeAccountConfig {
  accountId: string;
  /** A ccxt exchange id: `binance`, `okx`, ... */
  exchangeId: string;
  /** The exchange's testnet/sandbox, where it has one. */
  sandbox: boolean;
  options: Record<string, unknown>;
}

/** The credential fields ccxt asks of an exchange (`apiKey`, `secret`, `password` for OKX's passphrase, `uid`, ...). */
export type Credentials = Readonly<Record<string, string>>;

/** One exchange ccxt supports, as the accounts page lists it. */
export interface ExchangeInfo {
  id: string;
  name: string;
  /** ccxt's `requiredCredentials` that are true for this exchange, in ccxt's names. */
  credentials: string[];
  hasSandbox: boolean;
}

export type MarketType = 'spot' | 'swap' | 'future' | 'option';

/** One market of an exchange, with the rules an order must meet (from ccxt's market structure). */
export interface ExchangeMarket {
  symbol: string;
  base: string;
  quote: string;
  type: MarketType;
  active: boolean;
  tickSize: number;
  stepSize: number;
  /** Smallest order value in quote currency; 0 when the exchange declares none. */
  minNotional: number;
  minQty: number;
}

export interface ExchangeTicker {
  symbol: string;
  last: number | null;
  /** Traded value over 24 h in quote currency; null when the exchange does not say. */
  quoteVolume24h: number | null;
}

/** Public data of one exchange: no keys needed (paper trading on a live feed, symbol discovery, backfill). */
export interface PublicMarketData {
  readonly exchangeId: string;
  markets(): Promise<Result<ExchangeMarket[]>>;
  tickers(symbols?: readonly string[]): Promise<Result<ExchangeTicker[]>>;
  /** Closed and forming 1-minute bars from `since` (ms), oldest first, at most `limit`. */
  candles(symbol: string, timeframe: string, since: number | undefined, limit: number): Promise<Result<Candle[]>>;
  close(): Promise<void>;
}

/**
 * Everything the engine asks of exchanges, implemented by venues/ccxt (the only importer of ccxt).
 * Failures are values whose code says what happens next: UNAVAILABLE (temporary or rate-limited:
 * `details.retryAfterMs` when the exchange said), REFUSED (the exchange rejected it: final),
 * `details.auth: true` when the keys were refused (stop the account's bots and tell the trader).
 */
export interface ExchangeConnector {
  catalogue(): Promise<ExchangeInfo[]>;
  /** Loads markets and fetches the balance, with the exchange's own error said plainly. */
  testConnection(config: ExchangeAccountConfig, credentials: Credentials): Promise<Result<{ markets: number; balances: VenueBalance[] }>>;
  publicData(config: Omit<ExchangeAccountConfig, 'accountId'>): PublicMarketData;
  /** A trading venue for the account; its id is the account id. Markets are loaded before it resolves. */
  openVenue(config: ExchangeAccountConfig, credentials: Credentials): Promise<Result<Venue>>;
}
