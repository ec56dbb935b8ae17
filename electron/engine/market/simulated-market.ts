import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Candle, CandleUpdate } from '../../../shared/domain/candle.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { roundPriceToTick, roundTo } from '../execution/precision.ts';
import { insertCandles, insertCandlesBulk, latestCandle, type SeriesKey } from '../persistence/candles.repository.ts';
import type { Database } from '../persistence/database.ts';
import type { Clock } from '../ports/clock.ts';
import { consoleLogger } from '../ports/logger.ts';
import { hashSeed, RandomWalk } from './random-walk.ts';
import { TwinFeed } from './twin-feed.ts';

export type MarketListener = (update: CandleUpdate) => Promise<void> | void;
/** A bar of a twin feed: the same symbol quoted on a second venue (`venue`). */
export type TwinListener = (venue: string, update: CandleUpdate) => Promise<void> | void;

/** A second, correlated feed of the instrument on `venue`: its gap to the leader is `gapBps` typical, halving in `halfLifeTicks`. */
export interface TwinOf {
  venue: string;
  gapBps: number;
  halfLifeTicks: number;
}

type SimulatedInstrument = Instrument & { startPx: number; annualVol: number; twin?: TwinOf };

interface Twin {
  key: SeriesKey;
  feed: TwinFeed;
  forming: Candle;
}

interface Series {
  instrument: SimulatedInstrument;
  key: SeriesKey;
  walk: RandomWalk;
  forming: Candle;
  tickInBar: number;
  twin: Twin | null;
}

const BAR_MS = 60_000;
const TIMER_MS = 50;
/** Upper bound of ticks per timer round, so a long pause (laptop sleep) cannot freeze the engine catching up. */
const MAX_TICKS_PER_ROUND = 5_000;
/**
 * The longest the market computes before letting timers, sockets and requests run. A round at 1000
 * candles/s is 1,500 ticks through every bot; without a pause, webhooks and the UI wait for all of it.
 */
const SLICE_MS = 4;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SimulatedMarketOptions {
  instruments: readonly SimulatedInstrument[];
  ticksPerBar: number;
  candlesPerSecond: number;
  historyBars: number;
}

/**
 * The offline market: seeded random walks producing 1-minute bars, `ticksPerBar` price updates
 * each, at a chosen speed. Closed bars are stored (batched per timer round); listeners are awaited
 * tick by tick so a bot's order is filled at the price that triggered it.
 */
export class SimulatedMarket {
  readonly #series = new Map<string, Series>();
  readonly #listeners = new Set<MarketListener>();
  readonly #twinListeners = new Set<TwinListener>();
  readonly #closedBuffer: { key: SeriesKey; candle: Candle }[] = [];
  readonly #db: Kysely<Database>;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #clock: Clock;
  readonly #options: SimulatedMarketOptions;
  #timer: NodeJS.Timeout | null = null;
  #lastRound = 0;
  #owedTicks = 0;
  #busy = false;
  readonly #onRoundError: (error: unknown) => void;

  constructor(deps: { db: Kysely<Database>; sqlite: BetterSqlite3.Database; clock: Clock; onRoundError?: (error: unknown) => void }, options: SimulatedMarketOptions) {
    this.#db = deps.db;
    this.#onRoundError = deps.onRoundError ?? ((error) => consoleLogger.error('A market round failed', { error }));
    this.#sqlite = deps.sqlite;
    this.#clock = deps.clock;
    this.#options = { ...options };
  }

  get candlesPerSecond(): number {
    return this.#options.candlesPerSecond;
  }

  setSpeed(candlesPerSecond: number): void {
    this.#options.candlesPerSecond = candlesPerSecond;
  }

  /** Continues each series from its last stored bar, generating history on first run. */
  async init(): Promise<void> {
    for (const instrument of this.#options.instruments) {
      const key: SeriesKey = { venue: instrument.venue, symbol: instrument.symbol, timeframe: '1m' };
      const twinKey: SeriesKey | null = instrument.twin ? { ...key, venue: instrument.twin.venue } : null;
      let last = await latestCandle(this.#db, key);
      if (!last) last = this.#backfill(instrument, key, twinKey);
      const walk = new RandomWalk({ seed: hashSeed(`${instrument.symbol}@${last.ts}`), startPx: last.close, annualVol: instrument.annualVol, ticksPerBar: this.#options.ticksPerBar });
      const ts = last.ts + BAR_MS;
      const twin = instrument.twin && twinKey ? { key: twinKey, feed: twinFeed(instrument.twin, `${twinKey.venue}:${instrument.symbol}@${last.ts}`, instrument.twin.halfLifeTicks), forming: { ts, open: last.close, high: last.close, low: last.close, close: last.close, volume: 0 } } : null;
      this.#series.set(instrument.symbol, { instrument, key, walk, tickInBar: 0, forming: { ts, open: last.close, high: last.close, low: last.close, close: last.close, volume: 0 }, twin });
    }
  }

  subscribe(listener: MarketListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Bars of the twin feeds (instruments with `twin`), after the leader's update of the same tick. */
  subscribeTwins(listener: TwinListener): () => void {
    this.#twinListeners.add(listener);
    return () => this.#twinListeners.delete(listener);
  }

  /** Market time: the simulated clock the venue stamps fills with, so markers land on their bar. */
  readonly clock: Clock = {
    now: () => {
      const series = this.#series.values().next().value;
      if (!series) return this.#clock.now();
      return series.forming.ts + Math.round((series.tickInBar / this.#options.ticksPerBar) * BAR_MS);
    },
  };

  lastPrice(symbol: string): number | null {
    return this.#series.get(symbol)?.forming.close ?? null;
  }

  start(): void {
    if (this.#timer) return;
    this.#lastRound = this.#clock.now();
    this.#timer = setInterval(() => void this.#round(), TIMER_MS);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    while (this.#busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.flush();
  }

  /** Advances every series by `ticks` price updates, pausing for the event loop every SLICE_MS. */
  async advance(ticks: number): Promise<void> {
    let sliceStart = performance.now();
    for (let i = 0; i < ticks; i++) {
      for (const series of this.#series.values()) {
        await this.#tick(series);
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
    }
  }

  /** Writes the closed bars buffered since the last flush, in one transaction. */
  async flush(): Promise<void> {
    const pending = this.#closedBuffer.splice(0);
    // Through Kysely, not the raw handle: its connection lock keeps this out of an order's open
    // transaction. One multi-row statement per round: one commit, not one per bar.
    try {
      await insertCandles(this.#db, pending.map(({ key, candle }) => ({ ...key, ...candle })));
    } catch (error) {
      // Kept, in order, for the next attempt: a full disk delays bars, it never drops them.
      this.#closedBuffer.unshift(...pending);
      throw error;
    }
  }

  async #round(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const now = this.#clock.now();
      // Bars an earlier round could not store go first; until they are stored the market holds
      // (a simulated market may wait), so the stored series never has a gap.
      if (this.#closedBuffer.length > 0) await this.flush();
      this.#owedTicks += ((now - this.#lastRound) / 1000) * this.#options.candlesPerSecond * this.#options.ticksPerBar;
      this.#lastRound = now;
      const ticks = Math.min(Math.floor(this.#owedTicks), MAX_TICKS_PER_ROUND);
      this.#owedTicks = Math.min(this.#owedTicks - ticks, MAX_TICKS_PER_ROUND);
      await this.advance(ticks);
      await yieldToEventLoop(); // the candle write commits (an fsync): not in the same stretch as the last ticks
      await this.flush();
    } catch (error) {
      // A timer's round has no caller: a failure is reported here, and the time held is not owed.
      this.#lastRound = this.#clock.now();
      this.#onRoundError(error);
    } finally {
      this.#busy = false;
    }
  }

  async #tick(series: Series): Promise<void> {
    const before = series.walk.price;
    const px = roundPriceToTick(series.walk.nextPrice(), series.instrument);
    const bar = series.forming;
    bar.close = px;
    bar.high = Math.max(bar.high, px);
    bar.low = Math.min(bar.low, px);
    bar.volume += series.walk.tickVolume(series.walk.price / before - 1);
    series.tickInBar += 1;
    const closed = series.tickInBar >= this.#options.ticksPerBar;
    const candle = { ...bar, volume: roundTo(bar.volume, 4) };
    if (closed) {
      this.#closedBuffer.push({ key: series.key, candle });
      series.forming = { ts: bar.ts + BAR_MS, open: px, high: px, low: px, close: px, volume: 0 };
      series.tickInBar = 0;
    }
    const update: CandleUpdate = { symbol: series.key.symbol, timeframe: series.key.timeframe, candle, closed };
    for (const listener of this.#listeners) await listener(update);
    if (series.twin) await this.#tickTwin(series.twin, series.instrument, px, closed);
  }

  async #tickTwin(twin: Twin, instrument: SimulatedInstrument, leaderPx: number, closed: boolean): Promise<void> {
    const px = roundPriceToTick(twin.feed.next(leaderPx), instrument);
    const bar = twin.forming;
    bar.close = px;
    bar.high = Math.max(bar.high, px);
    bar.low = Math.min(bar.low, px);
    const candle = { ...bar };
    if (closed) {
      this.#closedBuffer.push({ key: twin.key, candle });
      twin.forming = { ts: bar.ts + BAR_MS, open: px, high: px, low: px, close: px, volume: 0 };
    }
    const update: CandleUpdate = { symbol: twin.key.symbol, timeframe: twin.key.timeframe, candle, closed };
    for (const listener of this.#twinListeners) await listener(twin.key.venue, update);
  }

  #backfill(instrument: SimulatedInstrument, key: SeriesKey, twinKey: SeriesKey | null): Candle {
    const walk = new RandomWalk({ seed: hashSeed(instrument.symbol), startPx: instrument.startPx, annualVol: instrument.annualVol, ticksPerBar: this.#options.ticksPerBar });
    const end = Math.floor(this.#clock.now() / BAR_MS) * BAR_MS - BAR_MS;
    const start = end - (this.#options.historyBars - 1) * BAR_MS;
    const bars: Candle[] = [];
    for (let ts = start; ts <= end; ts += BAR_MS) {
      const bar = walk.nextBar(ts, this.#options.ticksPerBar);
      const round = (p: number) => roundPriceToTick(p, instrument);
      bars.push({ ts, open: round(bar.open), high: round(bar.high), low: round(bar.low), close: round(bar.close), volume: roundTo(bar.volume, 4) });
    }
    insertCandlesBulk(this.#sqlite, key, bars);
    if (instrument.twin && twinKey) {
      const feed = twinFeed(instrument.twin, `${twinKey.venue}:${instrument.symbol}`, instrument.twin.halfLifeTicks / this.#options.ticksPerBar);
      const round = (p: number) => roundPriceToTick(p, instrument);
      const twinBars = bars.map((bar) => {
        const twin = feed.nextBar(bar);
        return { ...twin, open: round(twin.open), high: round(twin.high), low: round(twin.low), close: round(twin.close) };
      });
      insertCandlesBulk(this.#sqlite, twinKey, twinBars);
    }
    const last = bars.at(-1);
    if (!last) throw new Error('historyBars must be at least 1');
    return last;
  }
}

/** Live, the gap steps once a tick; in generated history once a bar, so its half-life there is in bars. */
const twinFeed = (twin: TwinOf, seed: string, halfLifeSteps: number) => new TwinFeed({ seed: hashSeed(seed), gapBps: twin.gapBps, halfLifeSteps });
