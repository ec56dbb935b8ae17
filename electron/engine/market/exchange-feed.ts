import type { Kysely } from 'kysely';
import type { Candle, CandleUpdate } from '../../../shared/domain/candle.ts';
import { delay } from '../../../shared/delay.ts';
import { fail, type Result } from '../../../shared/errors.ts';
import { insertCandles, latestCandle, type SeriesKey } from '../persistence/candles.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { PublicMarketData } from '../venues/exchange.ts';
import { BAR_MS, checkPage, closedCount, type BackoffOptions } from './exchange-feed-bars.ts';
import { FeedConnection, type FeedStatus } from './exchange-feed-connection.ts';

export type { FeedStatus } from './exchange-feed-connection.ts';
import type { MarketListener } from './simulated-market.ts';

/** What the engine asks of a market, simulated or live: index.ts can wire either one. */
export interface MarketFeed {
  init(): Promise<void>;
  subscribe(listener: MarketListener): () => void;
  /** The time fills are stamped with: simulated time, or wall time for a live market. */
  readonly clock: Clock;
  lastPrice(symbol: string): number | null;
  start(): void;
  stop(): Promise<void>;
}

export interface ExchangeFeedOptions {
  /** The venue the bars are stored under (candles are keyed venue + symbol + timeframe + ts). */
  venue: string;
  symbols: readonly string[];
  /** How often each symbol's forming bar is asked for; a closed bar is asked for right after its minute ends. */
  pollMs: number;
  /** The least time between two requests (the exchange's rate limit): one request is in flight at most. */
  requestSpacingMs: number;
  /** Bars per request. */
  pageLimit: number;
  /** On a symbol's first run, this many closed bars of history are stored (not sent to the bots). */
  historyBars: number;
  backoff: BackoffOptions;
  /** How long after its minute the newest bar is taken as closed when the exchange shows no later one. */
  closeGraceMs: number;
}

export const DEFAULT_FEED_OPTIONS: Omit<ExchangeFeedOptions, 'venue' | 'symbols'> = {
  pollMs: 10_000,
  requestSpacingMs: 250,
  pageLimit: 500,
  historyBars: 1500,
  backoff: { initialMs: 1_000, maxMs: 60_000 },
  closeGraceMs: 5_000,
};

interface FeedSeries {
  symbol: string;
  key: SeriesKey;
  /** Open time of the newest closed bar stored; undefined until read from the database. */
  lastClosedTs: number | null | undefined;
  forming: Candle | null;
  dueAt: number;
  /** The refusals last logged: a forming bar refused on every poll is logged once, not every 10 s. */
  lastRefused: string;
  /** Requests for this symbol the exchange refused in a row (a delisted symbol): it is asked ever less often. */
  refusals: number;
}

export interface ExchangeFeedDeps {
  db: Kysely<Database>;
  data: PublicMarketData;
  /** Wall time: a live market's clock. */
  clock: Clock;
  logger: Logger;
  random?: () => number;
  /** Waits between requests; tests pass one that moves a manual clock. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** A closed bar that could not be stored (a full disk): it is asked for again later, never skipped. */
  onStoreError?: (error: unknown) => void;
  /** Told when the exchange is lost or back, e.g. to show the trader a banner. */
  onStatusChange?: (status: FeedStatus) => void;
}

/**
 * Live 1-minute bars of one exchange's symbols through its public REST API. ccxt's `watchOHLCV`
 * (a websocket) cannot be reached offline nor tested against our REST fake, so this polls
 * `fetchOHLCV` at the timeframe's pace, the fallback the issue allows. It sends the same updates as the
 * simulated market — forming bars, then each closed bar once, in order, stored first — and fills
 * any gap after an outage from where the stored series ends, so a reconnect never skips a bar.
 */
export class ExchangeFeed implements MarketFeed {
  readonly #series = new Map<string, FeedSeries>();
  readonly #listeners = new Set<MarketListener>();
  readonly #lastPrice = new Map<string, number>();
  readonly #deps: Required<Omit<ExchangeFeedDeps, 'onStoreError' | 'onStatusChange'>> & Pick<ExchangeFeedDeps, 'onStoreError' | 'onStatusChange'>;
  readonly #options: ExchangeFeedOptions;
  readonly #connection: FeedConnection;
  #lastRequestAt = Number.NEGATIVE_INFINITY;
  #liveFrom = Number.POSITIVE_INFINITY;
  #running: { stop: AbortController; loop: Promise<void> } | null = null;

  constructor(deps: ExchangeFeedDeps, options: Partial<ExchangeFeedOptions> & Pick<ExchangeFeedOptions, 'venue' | 'symbols'>) {
    this.#deps = { random: Math.random, wait: delay, ...deps };
    this.#options = { ...DEFAULT_FEED_OPTIONS, ...options };
    const { clock, logger, random, onStatusChange } = this.#deps;
    this.#connection = new FeedConnection({ exchangeId: deps.data.exchangeId, clock, logger, random, backoff: this.#options.backoff, ...(onStatusChange ? { onStatusChange } : {}) });
    this.setSymbols(options.symbols);
  }

  /** Market time is wall time: fills are stamped when they happen. */
  get clock(): Clock {
    return this.#deps.clock;
  }

  get status(): FeedStatus {
    return this.#connection.status;
  }

  /** Reads where each stored series ends, so `lastPrice` answers before the exchange does. */
  async init(): Promise<void> {
    for (const series of this.#series.values()) await this.#load(series);
  }

  subscribe(listener: MarketListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  lastPrice(symbol: string): number | null {
    return this.#lastPrice.get(symbol) ?? null;
  }

  /** Follows these symbols from now on: new ones continue their stored series, dropped ones stop. */
  setSymbols(symbols: readonly string[]): void {
    for (const symbol of this.#series.keys()) {
      if (symbols.includes(symbol)) continue;
      this.#series.delete(symbol);
      this.#lastPrice.delete(symbol);
    }
    for (const symbol of symbols) {
      if (this.#series.has(symbol)) continue;
      this.#series.set(symbol, { symbol, key: { venue: this.#options.venue, symbol, timeframe: '1m' }, lastClosedTs: undefined, forming: null, dueAt: 0, lastRefused: '', refusals: 0 });
    }
  }

  start(): void {
    if (this.#running) return;
    // Bars that closed before the first start are history (stored only); later ones, gap fills after
    // an outage or a stop and start included, reach the bots.
    if (this.#liveFrom === Number.POSITIVE_INFINITY) this.#liveFrom = this.#deps.clock.now();
    const stop = new AbortController();
    const loop = this.#run(stop.signal).catch((error: unknown) => this.#deps.logger.error('The exchange feed stopped', { exchange: this.#deps.data.exchangeId, error }));
    this.#running = { stop, loop };
  }

  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    running?.stop.abort();
    await running?.loop;
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const now = this.#deps.clock.now();
      const series = this.#nextDue();
      const startAt = Math.max(series?.dueAt ?? now + this.#options.pollMs, this.#lastRequestAt + this.#options.requestSpacingMs, this.#connection.retryAt);
      if (!series || startAt > now) {
        await this.#deps.wait(Math.max(startAt - now, 1), signal);
        continue;
      }
      this.#lastRequestAt = now;
      try {
        await this.#poll(series);
      } catch (error) {
        // A bug or an unreadable database must not end the feed for every symbol: this one waits a turn.
        series.dueAt = now + this.#options.pollMs;
        this.#deps.logger.error('Following a symbol failed; it is asked again later', { exchange: this.#deps.data.exchangeId, symbol: series.symbol, error });
      }
    }
  }

  #nextDue(): FeedSeries | undefined {
    let due: FeedSeries | undefined;
    for (const series of this.#series.values()) if (!due || series.dueAt < due.dueAt) due = series;
    return due;
  }

  async #load(series: FeedSeries): Promise<void> {
    if (series.lastClosedTs !== undefined) return;
    const last = await latestCandle(this.#deps.db, series.key);
    series.lastClosedTs = last?.ts ?? null;
    if (last && !this.#lastPrice.has(series.symbol)) this.#lastPrice.set(series.symbol, last.close);
  }

  async #poll(series: FeedSeries): Promise<void> {
    await this.#load(series);
    const now = this.#deps.clock.now();
    const since = series.lastClosedTs != null ? series.lastClosedTs + BAR_MS : Math.floor(now / BAR_MS) * BAR_MS - this.#options.historyBars * BAR_MS;
    // An adapter that throws instead of answering a failure is treated as the exchange being away.
    const answer: Result<Candle[]> = await this.#deps.data
      .candles(series.symbol, '1m', since, this.#options.pageLimit)
      .catch((error: unknown) => fail('UNAVAILABLE', error instanceof Error ? error.message : String(error)));
    if (!answer.ok && answer.error.code === 'UNAVAILABLE') return this.#connection.failed(answer.error.message, Number(answer.error.details?.retryAfterMs ?? 0) || 0);
    this.#connection.answered();
    if (!answer.ok) return this.#refused(series, answer.error.message);
    series.refusals = 0;
    const page = checkPage(answer.value, since, this.#deps.clock.now());
    this.#logRefused(series, page.refused);
    const closedBars = page.bars.slice(0, closedCount(page.bars, this.#deps.clock.now(), this.#options.closeGraceMs));
    const advanced = await this.#emitClosed(series, closedBars);
    if (advanced === null) return;
    await this.#emitForming(series, page.bars[closedBars.length] ?? null);
    // A full page that moved the series on may have more behind it: asked for next, spacing still kept.
    const more = answer.value.length >= this.#options.pageLimit && advanced;
    // Asked again right after the forming bar closes; a series with no bar due soon (quiet or delisted)
    // waits the poll interval, so it cannot take every turn from the others.
    const closesAt = (series.forming?.ts ?? (series.lastClosedTs ?? now) + BAR_MS) + BAR_MS + 1_000;
    series.dueAt = more ? now : closesAt > now ? Math.min(now + this.#options.pollMs, closesAt) : now + this.#options.pollMs;
  }

  /** Stores the closed bars, then sends the live ones in order; null when they could not be stored (asked for again later). */
  async #emitClosed(series: FeedSeries, bars: Candle[]): Promise<boolean | null> {
    if (bars.length === 0) return false;
    try {
      await insertCandles(this.#deps.db, bars.map((bar) => ({ ...series.key, ...bar })));
    } catch (error) {
      series.dueAt = this.#deps.clock.now() + this.#options.pollMs;
      (this.#deps.onStoreError ?? ((e) => this.#deps.logger.error('Closed bars could not be stored; they will be asked for again', { symbol: series.symbol, error: e })))(error);
      return null;
    }
    for (const bar of bars) {
      series.lastClosedTs = bar.ts;
      this.#lastPrice.set(series.symbol, bar.close);
      if (bar.ts + BAR_MS > this.#liveFrom) await this.#send({ symbol: series.symbol, timeframe: '1m', candle: bar, closed: true });
    }
    if (series.forming && series.forming.ts <= (series.lastClosedTs ?? 0)) series.forming = null;
    return true;
  }

  async #emitForming(series: FeedSeries, bar: Candle | null): Promise<void> {
    if (!bar || bar.ts <= (series.lastClosedTs ?? Number.NEGATIVE_INFINITY)) return;
    const before = series.forming;
    if (before && before.ts === bar.ts && before.close === bar.close && before.high === bar.high && before.low === bar.low && before.volume === bar.volume) return;
    series.forming = bar;
    this.#lastPrice.set(series.symbol, bar.close);
    await this.#send({ symbol: series.symbol, timeframe: '1m', candle: bar, closed: false });
  }

  /** One listener's failure is logged and stops neither the feed nor the other listeners. */
  async #send(update: CandleUpdate): Promise<void> {
    for (const listener of this.#listeners) {
      try {
        await listener(update);
      } catch (error) {
        this.#deps.logger.error('A market listener failed', { symbol: update.symbol, ts: update.candle.ts, error });
      }
    }
  }

  /**
   * The exchange answered but refused this symbol (delisted, renamed): the others go on, and this one
   * is asked again after twice the wait each time, up to the backoff cap.
   */
  #refused(series: FeedSeries, message: string): void {
    series.refusals += 1;
    const waitMs = Math.min(this.#options.backoff.maxMs, this.#options.pollMs * 2 ** Math.min(series.refusals - 1, 20));
    series.dueAt = this.#deps.clock.now() + waitMs;
    if (series.refusals === 1) this.#deps.logger.warn(`${this.#deps.data.exchangeId} refused the bars of ${series.symbol}; the other symbols go on`, { exchange: this.#deps.data.exchangeId, symbol: series.symbol, reason: message, retryInMs: waitMs });
  }

  #logRefused(series: FeedSeries, refused: { ts: number; reason: string }[]): void {
    const said = JSON.stringify(refused);
    if (refused.length === 0 || said === series.lastRefused) return;
    series.lastRefused = said;
    const { symbol } = series;
    const first = refused[0];
    this.#deps.logger.warn(`Refused ${refused.length} bar(s) of ${symbol} from ${this.#deps.data.exchangeId}: the first because ${first?.reason}`, {
      exchange: this.#deps.data.exchangeId,
      symbol,
      refused: refused.slice(0, 10),
    });
  }
}
