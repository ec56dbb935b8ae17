import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { router } from './api/router.ts';
import { BotRuntime } from './bots/bot-runtime.ts';
import { BotService } from './bots/bot-service.ts';
import { EventBus } from './event-bus.ts';
import { OrderManager } from './execution/order-manager.ts';
import { paperTarget } from './execution/reconcile-paper.ts';
import { Reconciler } from './execution/reconciliation/reconciler.ts';
import type { MarketListener, SimulatedMarketOptions } from './market/simulated-market.ts';
import type { ExchangeFeedOptions } from './market/exchange-feed.ts';
import { openMarket, readMarketSpeed, SIMULATED_CANDLE_VENUE } from './market/market-source.ts';
import { MarketSourceService } from './market/market-source-service.ts';
import { openDatabase } from './persistence/open-database.ts';
import { openReader } from './persistence/open-reader.ts';
import { StorageHealth } from './persistence/storage-health.ts';
import { probeWrite } from './persistence/storage-probe.ts';
import { systemClock, type Clock } from './ports/clock.ts';
import { consoleLogger, type Logger } from './ports/logger.ts';
import { withRecentErrors } from './ports/recent-errors.ts';
import { EngineMetrics } from './health/engine-metrics.ts';
import type { EngineServices } from './services.ts';
import { CandleRetentionService } from './market/candle-retention.ts';
import { PaperVenue, DEFAULT_PAPER_OPTIONS } from './venues/paper/paper-venue.ts';
import type { Venue } from './venues/venue.ts';
import { VenueRegistry } from './venues/venue-registry.ts';
import { AccountService } from './accounts/account-service.ts';
import { LedgerAccountGate } from './accounts/account-gate.ts';
import { EquityRecorder } from './accounts/equity-recorder.ts';
import { AlertIntake } from './alerts/alert-intake.ts';
import { AlertSenders } from './alerts/alert-senders.ts';
import type { ListenerLimits } from './alerts/listener-limits.ts';
import { SignalExecutor } from './alerts/signal-executor.ts';
import { restoreEntryProtection } from './alerts/entry-protection.ts';
import { WebhookListener } from './alerts/webhook-listener.ts';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookService } from './alerts/webhook-service.ts';
import { Protections } from './risk/protections.ts';
import { ExchangeStops } from './risk/exchange-stops/exchange-stops.ts';
import { BotAtrs } from './risk/exits/bot-atrs.ts';
import { EmergencyStop, type SweepPacing } from './risk/emergency-stop.ts';
import { EntryChecks } from './risk/entry-checks.ts';
import { botEntryLimits } from './risk/sizing/entry-limits.ts';
import { botEntrySizer } from './risk/sizing/bot-sizer.ts';
import { riskMultiplierOf } from './risk/sizing/risk-multiplier.ts';
import { RiskLocks } from './risk/locks/risk-locks.ts';
import type { WebhookSettings } from '../../shared/domain/webhook.ts';
import { ExchangeAccountService } from './accounts/exchange-accounts.service.ts';
import { createCcxtConnector } from './venues/ccxt/connector.ts';
import { publicDataFromConnector } from './market/symbols/connector-source.ts';
import type { SecretStore } from './ports/secret-store.ts';
import { EnvironmentCredentials } from './secrets/environment-credentials.ts';
import { KeytarSecretStore } from './secrets/keytar-store.ts';
import type { ExchangeConnector } from './venues/exchange.ts';
import { ExchangeVenues } from './accounts/exchange-venues.ts';
import { marketMismatch } from './accounts/market-mismatch.ts';
import { SymbolService, type PublicDataSource } from './market/symbols/symbol-service.ts';
import { NotifyService, type NotifyOptions } from './notify/notify-service.ts';
import { wireNotifications } from './notify/wire-notifications.ts';
import { BacktestService } from './backtest/backtest-service.ts';
import { wireGovernor } from './risk/governor/wire-governor.ts';
import { createHistoryService } from './market/history/create-history-service.ts';

export interface EngineDeps {
  /** Folder holding the SQLite database; created if missing. */
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  market?: Partial<Omit<SimulatedMarketOptions, 'instruments'>>;
  /** Pace and history of the live feed when the market source is an exchange (tests ask for little history). */
  exchangeFeed?: Partial<Omit<ExchangeFeedOptions, 'venue' | 'symbols'>>;
  /** Tests and benchmarks drive the simulated market by hand with `advance` (see testing/simulated-of.ts). */
  startMarketTimer?: boolean;
  /** Listener settings that win over the stored ones for this run (`--webhook-port`, tests). */
  webhook?: Partial<WebhookSettings>;
  /** Tests only: wraps the venue the order manager talks to (to count submits, or die after one). */
  wrapVenue?: (venue: Venue) => Venue;
  /** How often a full disk is probed for space again (tests shorten it). */
  storageProbeMs?: number;
  /** Connection limits and timeouts of the webhook listener (tests use short ones). */
  webhookLimits?: Partial<ListenerLimits>;
  /** Where exchange keys are kept (default: the OS keychain through keytar). */
  secrets?: SecretStore;
  /** Exchanges (default: ccxt, loaded on first use); tests give a fake. */
  exchanges?: ExchangeConnector;
  /** Variables exchange keys may be read from at start on a host without a keychain (default: process.env). */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Exchanges' public data for symbol discovery (default: the exchanges connector's). */
  publicData?: PublicDataSource;
  /** Pace of the emergency stop's cancel/flatten retries (tests shorten it). */
  emergencyPacing?: Partial<SweepPacing>;
  /** Telegram's address and pacing (tests use a local fake Bot API), and the desktop host's notifications. */
  notify?: NotifyOptions;
  /** The folder of the sample history stored at first start (resources/history); none when absent (tests). */
  sampleHistoryDir?: string;
}

export interface Engine {
  services: EngineServices;
  router: typeof router;
  /** The market pipeline the simulated feed drives; benchmarks replay bars through it directly. */
  feed: MarketListener;
  /** The host's log; the transports' error interceptors write unexpected errors to it. */
  logger: Logger;
  stop(): Promise<void>;
}

/** What every price update goes through, in order: the venue (resting orders, the mark), the UI stream, then the bots. */
function marketPipeline(venue: PaperVenue, bus: EventBus, protections: Protections, runtime: BotRuntime): MarketListener {
  return (update) => {
    venue.markPrice(update.symbol, update.candle.close);
    bus.emit('candle', update);
    const stops = protections.onPrice(update.symbol, update.candle.close);
    const bots = runtime.onCandle(update);
    return stops && bots ? Promise.all([stops, bots]).then(() => undefined) : (stops ?? bots);
  };
}

export const DATABASE_FILE = 'stoxrobot.sqlite';
const PAPER_ACCOUNT = 'paper';

/** The one place the engine is wired: storage first (migrations run), then venue, market, bots. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const clock = deps.clock ?? systemClock;
  // The health panel shows the last errors logged, whoever logged them.
  const logger = withRecentErrors(deps.logger ?? consoleLogger, () => clock.now());
  mkdirSync(deps.dataDir, { recursive: true });
  // Every failed query passes the storage health, so a full disk is noticed whichever write meets it first.
  const storage = new StorageHealth({ dir: deps.dataDir, logger, ...(deps.storageProbeMs ? { probeIntervalMs: deps.storageProbeMs } : {}) });
  const { db, sqlite, close } = await openDatabase(join(deps.dataDir, DATABASE_FILE), { onQueryError: (error) => storage.noteFailure(error) });
  const reader = openReader(join(deps.dataDir, DATABASE_FILE));
  storage.useProbe(() => probeWrite(db, deps.dataDir));
  const bus = new EventBus((error) => logger.error('Event listener failed', { error }));
  const metrics = new EngineMetrics(bus);
  // Bots shown as paused (or running again) and the banner follow the disk.
  storage.onChange(() => bus.emit('change', { topic: 'bots' }));

  // ccxt itself loads on the first exchange call, never on the start-up path.
  const exchanges = deps.exchanges ?? createCcxtConnector({ logger });
  const publicData = deps.publicData ?? publicDataFromConnector(exchanges);
  // The market: the simulated one, or an exchange's live public data when one is stored and usable.
  const opened = await openMarket({
    db, sqlite, clock, logger, paperAccount: PAPER_ACCOUNT, publicData,
    candlesPerSecond: (await readMarketSpeed(db)).candlesPerSecond,
    ...(deps.market ? { simulated: deps.market } : {}),
    ...(deps.exchangeFeed ? { feed: deps.exchangeFeed } : {}),
    onStoreError: (error) => {
      if (!storage.noteFailure(error)) logger.error('Market bars could not be stored', { error });
    },
    onFeedStatus: () => bus.emit('change', { topic: 'market' }),
  });
  const { market, instruments } = opened;
  const marketSource = new MarketSourceService({
    db, opened, paperAccount: PAPER_ACCOUNT,
    exchanges: () => publicData.exchanges(),
    onChange: () => bus.emit('change', { topic: 'market' }),
  });

  // The paper venue stamps fills with market time: the simulated clock the bars are drawn in, or wall time on a live feed.
  const venue = new PaperVenue(instruments, market.clock);
  const lastPrice = (symbol: string) => market.lastPrice(symbol);
  // An exchange account trades only while the market follows its exchange (read lazily: the venues open below).
  const marketExchange = opened.live?.exchangeId ?? null;
  const accountRefusal = (accountId: string) => marketMismatch(accountId, exchangeVenues.exchangeOf(accountId), marketExchange);

  const accountMarket = { instruments, lastPrice, takerFee: DEFAULT_PAPER_OPTIONS.takerFee };
  const equity = new EquityRecorder({ db, marketClock: market.clock, market: accountMarket, logger });
  const gate = new LedgerAccountGate({ market: accountMarket, equity });
  // Orders and their fills share one clock: market time, so an order row matches its candle and its fills.
  const venues = new VenueRegistry([['paper', deps.wrapVenue?.(venue) ?? venue]]);
  // An account takes orders once its reconciliation has finished (read lazily: the reconciler is made just below).
  // Risk rules are added to it as their parts are built below; every order that adds risk passes them.
  const entryChecks = new EntryChecks(logger);
  entryChecks.add('bot entry limits', botEntryLimits);
  const orders = new OrderManager({ db, venues, bus, clock: market.clock, logger, gate, storage, entryChecks, blockedAccount: (accountId, reduceOnly): string | null => emergency.refusal(reduceOnly) ?? reconciliation.admission(accountId) ?? accountRefusal(accountId) });
  // The trader's emergency stop, read on every new order; a stop stored before a crash is in force again before any bot or alert acts.
  const emergency = new EmergencyStop({ db, orders, venues, bus, clock, logger, ...(deps.emergencyPacing ? { pacing: deps.emergencyPacing } : {}) });
  await emergency.restore();
  orders.onOrderUpdate(metrics.orderUpdated);
  orders.useLastPrice(lastPrice);
  await orders.loadPositions();
  const secrets = deps.secrets ?? new KeytarSecretStore({ logger });
  const notifications = new NotifyService({ db, secrets, logger, ...(deps.notify ? { options: deps.notify } : {}) });
  await notifications.init();
  const notify = wireNotifications(notifications, { orders, venues, emergency, clock });
  const governor = wireGovernor({ db, market, clock, accountMarket, entryChecks, logger, onLocked: notify.riskLocked });
  // Market time, like the fills whose closed trades set the locks; closes made before a crash lock before any bot acts.
  const locks = new RiskLocks({ db, clock: market.clock, bus, logger, onLocked: notify.riskLocked });
  entryChecks.add('protection locks', locks.entryRefusal);
  orders.onOrderUpdate(locks.orderUpdated);
  await locks.restore();
  // Wall time: retries of an account that could not be reconciled are paced in real seconds.
  const reconciliation = new Reconciler({ db, clock, logger });
  await reconciliation.register(paperTarget(orders, venue, lastPrice));
  // Retries of a failed protective close are paced in wall time, whatever the market speed.
  const atrs = new BotAtrs();
  const protections = new Protections({ db, orders, bus, logger, clock, instruments, storage, onHit: notify.protectionHit, atr: atrs.value, feeRate: DEFAULT_PAPER_OPTIONS.takerFee });
  await protections.load();
  // A live position's stop-loss is also held at its exchange as a stop order, where the venue takes them.
  const exchangeStops = new ExchangeStops({ db, orders, venues, bus, stopLoss: (botId, symbol) => protections.get(botId, symbol)?.stopLoss ?? null, clock, logger, halted: () => emergency.level === 'cancel' || emergency.level === 'flatten' });
  emergency.onChange(() => exchangeStops.resyncAll());
  // Before the first price can fill a resting alert entry: its stop-loss waits for that fill again.
  await restoreEntryProtection({ db, orders, protections });
  const accounts = new AccountService({ db, market: accountMarket, clock, marketClock: market.clock, equity, writeOff: (dust) => orders.writeOffDust(dust, lastPrice) });
  // A paper account on an exchange's live feed takes that exchange's multipliers (read lazily: the venues open below).
  const riskMultiplier = (accountId: string, symbol: string) => riskMultiplierOf(db, exchangeVenues.exchangeOf(accountId) ?? (accountId === PAPER_ACCOUNT ? marketExchange : null), symbol);
  const sizer = botEntrySizer({ instruments: (accountId) => venues.get(accountId)?.instruments() ?? instruments, equity: (accountId) => accounts.equity(accountId), riskMultiplier });
  const runtime = new BotRuntime({ db, orders, logger, storage, sizer, atrs, protections });
  const feed = marketPipeline(venue, bus, protections, runtime);
  // Before the bots: a market minute is sampled with the balances it began with.
  market.subscribe(() => equity.onMarketUpdate());
  market.subscribe(feed);
  for (const instrument of instruments) {
    const px = market.lastPrice(instrument.symbol);
    if (px !== null) venue.markPrice(instrument.symbol, px);
  }

  const bots = new BotService({ db, runtime, orders, venues, accountRefusal, lastPrice, bus, clock });
  const exchangeAccounts = new ExchangeAccountService({
    db,
    secrets,
    environment: new EnvironmentCredentials(deps.environment ?? process.env),
    exchanges,
    clock,
    logger,
    folder: realpathSync(deps.dataDir),
  });
  await exchangeAccounts.init();
  const pauseOnRefusedKeys = async (accountId: string, reason: string) => {
    const paused = await bots.pauseAccount(accountId, reason).catch((error: unknown) => logger.error('Could not pause the bots of an account whose keys were refused', { accountId, error }));
    logger.error('The exchange refused the account’s API keys: its bots are paused until the keys are fixed', { accountId, reason, paused });
    notify.keysRefused(accountId, reason);
  };
  const exchangeVenues = new ExchangeVenues({
    accounts: exchangeAccounts,
    connector: exchanges,
    venues,
    reconciliation,
    orders,
    lastPrice,
    logger,
    onAuthFailed: (accountId, reason) => void pauseOnRefusedKeys(accountId, reason),
  });
  // Before the bots resume and recovered alerts act: their accounts' venues are open (or known not to be).
  await exchangeVenues.start();
  exchangeStops.start();
  // Before the bots resume: a stop in force refuses their first entries, and its sweep sees every venue.
  await emergency.resume();
  await bots.resumeAll();

  const executor = new SignalExecutor({ db, orders, protections, instruments: (accountId) => venues.get(accountId)?.instruments() ?? instruments, accountRefusal, lastPrice, equity: (accountId) => accounts.equity(accountId), riskMultiplier });
  // The intake reads the listener's live settings; the closure runs only once requests arrive.
  const intake = new AlertIntake({ db, executor, bus, clock, logger, storage, halted: () => emergency.refusal(false), maxAgeSeconds: (): number => listener.status.settings.maxAgeSeconds, onRefused: notify.webhookRefused });
  const listener = new WebhookListener({ intake, senders: new AlertSenders(db, bus), logger, settings: DEFAULT_WEBHOOK_SETTINGS, limits: deps.webhookLimits, onAnswered: metrics.webhookAnswered });
  const webhooks = new WebhookService({ db, listener, clock, bus, logger });
  const recovered = await intake.recover();
  if (recovered > 0) logger.warn('Acted on alerts accepted before the last stop', { alerts: recovered });
  await webhooks.start(deps.webhook ?? {});

  const candleRetention = new CandleRetentionService({ db, venue: SIMULATED_CANDLE_VENUE, logger });
  const symbols = new SymbolService({
    db,
    clock,
    source: publicData,
    onChange: (exchangeId) => {
      bus.emit('change', { topic: 'market' });
      void marketSource.symbolsChanged(exchangeId).catch((error: unknown) => logger.error('The live feed could not take the changed symbols', { exchangeId, error }));
    },
  });
  const history = createHistoryService({ db, sqlite, publicData, exchangeAccounts, clock, logger, sampleHistoryDir: deps.sampleHistoryDir, dataDir: deps.dataDir });
  const services: EngineServices = {
    version: pkg.version,
    startedAt: clock.now(),
    db,
    reads: reader.reads,
    bus,
    instruments,
    market,
    simulated: opened.simulated,
    marketSource,
    storage,
    orders,
    bots,
    lastPrice,
    levels: (botId, symbol) => protections.get(botId, symbol),
    exchangeStops: (botId, symbol) => exchangeStops.state(botId, symbol),
    webhooks,
    accounts,
    exchangeAccounts,
    candleRetention,
    reconciliation,
    symbols,
    venues,
    exchangeVenues,
    metrics,
    recentErrors: logger,
    emergency,
    locks,
    notifications,
    backtests: new BacktestService({ db, instruments: () => instruments }),
    governor,
    history,
  };
  equity.start();
  candleRetention.start();
  if (deps.startMarketTimer !== false) market.start();
  logger.info('Engine started', { dataDir: deps.dataDir, bots: (await bots.list()).length });

  return {
    services,
    router,
    feed,
    logger,
    stop: async () => {
      await webhooks.stop();
      await emergency.close();
      await exchangeVenues.stop();
      await reconciliation.stop();
      // Writes held for a full disk give up now (what they carried is recovered at the next start).
      storage.close();
      await intake.drained();
      await orders.settled();
      await locks.settled();
      await exchangeStops.settled();
      await notifications.close();
      await history.stop();
      await market.stop().catch((error: unknown) => logger.error('The last closed bars could not be stored', { error }));
      await equity.stop();
      await governor.close();
      candleRetention.stop();
      await symbols.close();
      await reader.close();
      await close();
    },
  };
}
