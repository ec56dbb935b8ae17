import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { MarketSourceSchema, MarketSpeedSchema, type MarketSource } from '../../../shared/contract/market.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { Database } from '../persistence/database.ts';
import { readSetting, writeSetting } from '../persistence/settings.repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { ExchangeFeed, type ExchangeFeedOptions, type FeedStatus, type MarketFeed } from './exchange-feed.ts';
import { SIMULATED_INSTRUMENTS } from './instruments.ts';
import { paperHoldings } from './market-source-holdings.ts';
import { SimulatedMarket, type SimulatedMarketOptions } from './simulated-market.ts';
import { enabledInstruments } from './symbols/enabled-instruments.ts';
import type { PublicDataSource } from './symbols/symbol-service.ts';
import { listEnabled } from './symbols/symbols.repository.ts';

const SOURCE_SETTING = 'market.source';
/** The source the last start ran on: a change is held back at start while the paper account holds anything. */
const ACTIVE_SETTING = 'market.source.active';
const SPEED_SETTING = 'market.speed';
export const SIMULATED_SOURCE: MarketSource = { kind: 'simulated' };
/** The venue the simulated market's bars are stored under: the only history candle retention prunes. */
export const SIMULATED_CANDLE_VENUE = 'paper';

export const readMarketSource = (db: Kysely<Database>) => readSetting(db, SOURCE_SETTING, MarketSourceSchema, SIMULATED_SOURCE);
export const writeMarketSource = (db: Kysely<Database>, source: MarketSource) => writeSetting(db, SOURCE_SETTING, source);

export const readMarketSpeed = (db: Kysely<Database>) => readSetting(db, SPEED_SETTING, MarketSpeedSchema, { candlesPerSecond: 1 });
export const writeMarketSpeed = (db: Kysely<Database>, candlesPerSecond: number) => writeSetting(db, SPEED_SETTING, { candlesPerSecond });

export interface OpenMarketDeps {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  /** Wall time: the simulated market paces its rounds by it; a live market stamps fills with it. */
  clock: Clock;
  logger: Logger;
  /** The paper account following the market (its orders and positions hold a source change back). */
  paperAccount: string;
  /** Exchanges' public data; without it a stored exchange source falls back to the simulated market. */
  publicData: PublicDataSource;
  candlesPerSecond: number;
  simulated?: Partial<Omit<SimulatedMarketOptions, 'instruments'>>;
  feed?: Partial<Omit<ExchangeFeedOptions, 'venue' | 'symbols'>>;
  /** A round or closed bar that could not be stored (a full disk, say). */
  onStoreError: (error: unknown) => void;
  /** The live feed lost or found the exchange again. */
  onFeedStatus: (status: FeedStatus) => void;
}

/** The market the engine runs on, and what the paper account trades there. */
export interface OpenedMarket {
  market: MarketFeed;
  /** The simulated market when it is the one running: only it has a speed. */
  simulated: SimulatedMarket | null;
  /** The live feed when an exchange is followed. */
  live: { feed: ExchangeFeed; exchangeId: string; startSymbols: readonly string[] } | null;
  instruments: Instrument[];
  /** The source running now. */
  active: MarketSource;
  /** Why the stored exchange source could not be used; null when it runs. */
  fallbackReason: string | null;
}

/**
 * Opens the stored market source, initialised (stored history read). A change waiting for this start
 * is held back while the paper account holds orders or positions (they would be priced by another
 * market); an exchange source that cannot be used — no public data in this run, no symbol enabled, a
 * client that cannot be built — falls back to the simulated market. The reason is kept for `market.source`.
 */
export async function openMarket(deps: OpenMarketDeps): Promise<OpenedMarket> {
  const stored = await readMarketSource(deps.db);
  const last = await readSetting(deps.db, ACTIVE_SETTING, MarketSourceSchema, SIMULATED_SOURCE);
  const held = sameSource(stored, last) ? null : await paperHoldings(deps.db, deps.paperAccount);
  const wanted = held ? last : stored;
  const heldReason = held ? `The paper account holds ${held}: the market stays ${describeSource(last)} until they are closed; then restart to follow ${describeSource(stored)}` : null;
  let opened: OpenedMarket;
  if (wanted.kind === 'exchange') {
    const live = await openExchange(deps, wanted);
    opened = live.ok ? { ...live.market, fallbackReason: heldReason } : await openSimulated(deps, live.reason);
  } else opened = await openSimulated(deps, heldReason);
  if (opened.fallbackReason) deps.logger.warn('The stored market source is not the one running', { reason: opened.fallbackReason });
  await writeSetting(deps.db, ACTIVE_SETTING, opened.active);
  return opened;
}

/** Whether two sources are the same market: the same options in another key order are the same. */
export const sameSource = (a: MarketSource, b: MarketSource): boolean => canonical(a) === canonical(b);

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
};

export const describeSource = (source: MarketSource): string =>
  source.kind === 'simulated' ? 'the simulated market' : `${source.exchangeId}${source.sandbox ? ' (sandbox)' : ''} live`;

async function openSimulated(deps: OpenMarketDeps, fallbackReason: string | null): Promise<OpenedMarket> {
  const market = new SimulatedMarket(
    { db: deps.db, sqlite: deps.sqlite, clock: deps.clock, onRoundError: deps.onStoreError },
    { instruments: SIMULATED_INSTRUMENTS, ticksPerBar: 10, historyBars: 1500, candlesPerSecond: deps.candlesPerSecond, ...deps.simulated },
  );
  await market.init();
  const instruments = SIMULATED_INSTRUMENTS.map(({ startPx: _s, annualVol: _v, ...instrument }) => instrument);
  return { market, simulated: market, live: null, instruments, active: SIMULATED_SOURCE, fallbackReason };
}

type Opened = { ok: true; market: OpenedMarket } | { ok: false; reason: string };

async function openExchange(deps: OpenMarketDeps, source: Extract<MarketSource, { kind: 'exchange' }>): Promise<Opened> {
  const { exchangeId } = source;
  const enabled = await listEnabled(deps.db, exchangeId);
  if (enabled.length === 0) return { ok: false, reason: `No symbol is enabled on ${exchangeId}: enable some on the Symbols page, then restart to follow ${exchangeId}` };
  let data;
  try {
    data = deps.publicData.open(exchangeId, { sandbox: source.sandbox, options: source.options });
  } catch (error) {
    return { ok: false, reason: `${exchangeId}'s public data could not be opened (${error instanceof Error ? error.message : String(error)})` };
  }
  const symbols = enabled.map((s) => s.symbol);
  const feed = new ExchangeFeed(
    { db: deps.db, data, clock: deps.clock, logger: deps.logger, onStoreError: deps.onStoreError, onStatusChange: deps.onFeedStatus },
    { ...deps.feed, venue: exchangeId, symbols },
  );
  await feed.init();
  // After init: the stored bars' last prices raise a minimum quantity into its order value.
  const instruments = enabledInstruments(exchangeId, enabled, (symbol) => feed.lastPrice(symbol));
  const market = withClosedData(feed, () => data.close());
  return { ok: true, market: { market, simulated: null, live: { feed, exchangeId, startSymbols: symbols }, instruments, active: source, fallbackReason: null } };
}

/** The feed does not own its exchange client; the engine's market does, and closes it on stop. */
function withClosedData(feed: ExchangeFeed, closeData: () => Promise<void>): MarketFeed {
  return {
    init: () => feed.init(),
    subscribe: (listener) => feed.subscribe(listener),
    get clock() {
      return feed.clock;
    },
    lastPrice: (symbol) => feed.lastPrice(symbol),
    start: () => feed.start(),
    stop: async () => {
      try {
        await feed.stop();
      } finally {
        await closeData();
      }
    },
  };
}
