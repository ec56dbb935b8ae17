import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { router } from './api/router.ts';
import { BotRuntime } from './bots/bot-runtime.ts';
import { BotService } from './bots/bot-service.ts';
import { EventBus } from './event-bus.ts';
import { OrderManager } from './execution/order-manager.ts';
import { reconcilePaperOrders } from './execution/reconcile-paper.ts';
import { SIMULATED_INSTRUMENTS } from './market/instruments.ts';
import { type MarketListener, SimulatedMarket, type SimulatedMarketOptions } from './market/simulated-market.ts';
import { openDatabase } from './persistence/open-database.ts';
import { readSetting, writeSetting } from './persistence/settings.repository.ts';
import { systemClock, type Clock } from './ports/clock.ts';
import { consoleLogger, type Logger } from './ports/logger.ts';
import type { EngineServices } from './services.ts';
import { MarketSpeedSchema } from '../../shared/contract/market.ts';
import { PaperVenue } from './venues/paper/paper-venue.ts';
import { AlertIntake } from './alerts/alert-intake.ts';
import { AlertSenders } from './alerts/alert-senders.ts';
import type { ListenerLimits } from './alerts/listener-limits.ts';
import { SignalExecutor } from './alerts/signal-executor.ts';
import { WebhookListener } from './alerts/webhook-listener.ts';
import { DEFAULT_WEBHOOK_SETTINGS, WebhookService } from './alerts/webhook-service.ts';
import { Protections } from './risk/protections.ts';
import type { WebhookSettings } from '../../shared/domain/webhook.ts';

export interface EngineDeps {
  /** Folder holding the SQLite database; created if missing. */
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  market?: Partial<Omit<SimulatedMarketOptions, 'instruments'>>;
  /** Tests and benchmarks drive the market by hand with `market.advance`. */
  startMarketTimer?: boolean;
  /** Listener settings that win over the stored ones for this run (`--webhook-port`, tests). */
  webhook?: Partial<WebhookSettings>;
  /** Connection limits and timeouts of the webhook listener (tests use short ones). */
  webhookLimits?: Partial<ListenerLimits>;
}

export interface Engine {
  services: EngineServices;
  router: typeof router;
  /** The market pipeline the simulated feed drives; benchmarks replay bars through it directly. */
  feed: MarketListener;
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
const SPEED_SETTING = 'market.speed';

/** The one place the engine is wired: storage first (migrations run), then venue, market, bots. */
export async function createEngine(deps: EngineDeps): Promise<Engine> {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? consoleLogger;
  mkdirSync(deps.dataDir, { recursive: true });
  const { db, sqlite, close } = await openDatabase(join(deps.dataDir, DATABASE_FILE));
  const bus = new EventBus((error) => logger.error('Event listener failed', { error: String(error) }));

  const speed = await readSetting(db, SPEED_SETTING, MarketSpeedSchema, { candlesPerSecond: 1 });
  const market = new SimulatedMarket(
    { db, sqlite, clock },
    { instruments: SIMULATED_INSTRUMENTS, ticksPerBar: 10, historyBars: 1500, candlesPerSecond: speed.candlesPerSecond, ...deps.market },
  );
  await market.init();

  const instruments = SIMULATED_INSTRUMENTS.map(({ startPx: _s, annualVol: _v, ...instrument }) => instrument);
  // The paper venue stamps fills with market time, the simulated clock the bars are drawn in.
  const venue = new PaperVenue(instruments, market.clock);
  const orders = new OrderManager({ db, venue, bus, clock, logger });
  await orders.loadPositions();
  await reconcilePaperOrders(db, venue, clock.now());
  const protections = new Protections({ db, orders, bus, logger });
  await protections.load();
  const runtime = new BotRuntime({ orders, logger });
  const feed = marketPipeline(venue, bus, protections, runtime);
  market.subscribe(feed);
  for (const instrument of instruments) {
    const px = market.lastPrice(instrument.symbol);
    if (px !== null) venue.markPrice(instrument.symbol, px);
  }

  const bots = new BotService({ db, runtime, orders, instruments, bus, clock });
  await bots.resumeAll();

  const lastPrice = (symbol: string) => market.lastPrice(symbol);
  const executor = new SignalExecutor({ orders, protections, instruments, lastPrice });
  // The intake reads the listener's live settings; the closure runs only once requests arrive.
  const intake = new AlertIntake({ db, executor, bus, clock, logger, maxAgeSeconds: (): number => listener.status.settings.maxAgeSeconds });
  const listener = new WebhookListener({ intake, senders: new AlertSenders(db, bus), logger, settings: DEFAULT_WEBHOOK_SETTINGS, limits: deps.webhookLimits });
  const webhooks = new WebhookService({ db, listener, clock, bus, logger });
  const recovered = await intake.recover();
  if (recovered > 0) logger.warn('Acted on alerts accepted before the last stop', { alerts: recovered });
  await webhooks.start(deps.webhook ?? {});

  const services: EngineServices = {
    version: pkg.version,
    startedAt: clock.now(),
    db,
    bus,
    instruments,
    market,
    setMarketSpeed: async (candlesPerSecond) => {
      market.setSpeed(candlesPerSecond);
      await writeSetting(db, SPEED_SETTING, { candlesPerSecond });
      bus.emit('change', { topic: 'market' });
    },
    orders,
    bots,
    lastPrice,
    levels: (botId, symbol) => protections.get(botId, symbol),
    webhooks,
  };
  if (deps.startMarketTimer !== false) market.start();
  logger.info('Engine started', { dataDir: deps.dataDir, bots: (await bots.list()).length });

  return {
    services,
    router,
    feed,
    stop: async () => {
      await webhooks.stop();
      await intake.drained();
      await market.stop();
      await close();
    },
  };
}
