import type { Kysely } from 'kysely';
import type { ExchangeVenues } from './accounts/exchange-venues.ts';
import type { VenueRegistry } from './venues/venue-registry.ts';
import type { CandleRetentionService } from './market/candle-retention.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import type { AccountService } from './accounts/account-service.ts';
import type { ExchangeAccountService } from './accounts/exchange-accounts.service.ts';
import type { WebhookService } from './alerts/webhook-service.ts';
import type { BotService } from './bots/bot-service.ts';
import type { EventBus } from './event-bus.ts';
import type { OrderManager } from './execution/order-manager.ts';
import type { Reconciler } from './execution/reconciliation/reconciler.ts';
import type { ExchangeStopSource, LevelSource, PriceSource } from './execution/portfolio.ts';
import type { MarketFeed } from './market/exchange-feed.ts';
import type { MarketSourceService } from './market/market-source-service.ts';
import type { SimulatedMarket } from './market/simulated-market.ts';
import type { Database } from './persistence/database.ts';
import type { StorageHealth } from './persistence/storage-health.ts';
import type { EngineMetrics } from './health/engine-metrics.ts';
import type { RecentErrors } from './ports/recent-errors.ts';
import type { EmergencyStop } from './risk/emergency-stop.ts';
import type { RiskLocks } from './risk/locks/risk-locks.ts';
import type { SymbolService } from './market/symbols/symbol-service.ts';
import type { NotifyService } from './notify/notify-service.ts';
import type { BacktestService } from './backtest/backtest-service.ts';
import type { Governor } from './risk/governor/governor.ts';
import type { HistoryService } from './market/history/history-service.ts';

/** What the API handlers may use: the engine's services, wired once in createEngine. */
export interface EngineServices {
  version: string;
  startedAt: number;
  db: Kysely<Database>;
  /** The read-only connection: history pages and exports read here, never holding the writer. */
  reads: Kysely<Database>;
  bus: EventBus;
  instruments: readonly Instrument[];
  /** The market running: the simulated one or an exchange's live feed (see `marketSource`). */
  market: MarketFeed;
  /** The simulated market when it is the one running (tests drive it by hand); null while an exchange is followed. */
  simulated: SimulatedMarket | null;
  /** Which market runs, the one stored for the next start, the live feed's status, and the simulated speed. */
  marketSource: MarketSourceService;
  /** Whether the disk takes writes; while it is full, trading is paused and the UI says why. */
  storage: StorageHealth;
  orders: OrderManager;
  bots: BotService;
  lastPrice: PriceSource;
  levels: LevelSource;
  /** A live position's stop at its exchange: held, missing or not supported (risk/exchange-stops/). */
  exchangeStops?: ExchangeStopSource;
  webhooks: WebhookService;
  /** How much simulated market history is kept, and its pruning. */
  candleRetention: CandleRetentionService;
  accounts: AccountService;
  /** Each account's reconciliation with its venue: bots place no new order on an account until it is ready. */
  reconciliation: Reconciler;
  /** Exchange accounts and their keys (in the OS keychain, or the headless host's environment). */
  exchangeAccounts: ExchangeAccountService;
  /** Symbol discovery on exchanges' public data, and the symbols enabled per exchange. */
  symbols: SymbolService;
  /** The venue of every connected account (paper and exchange). */
  venues: VenueRegistry;
  /** Whether each exchange account's venue is open. */
  exchangeVenues: ExchangeVenues;
  /** Counters and gauges for the headless host's `GET /metrics`. */
  metrics: EngineMetrics;
  /** The last errors the engine logged, for the health panel. */
  recentErrors: RecentErrors;
  /** The trader's emergency stop: blocks new entries, cancels open orders, flattens positions. */
  emergency: EmergencyStop;
  /** Protection locks (stop-loss guard, cooldown, low-profit symbol) per account, and their settings. */
  locks: RiskLocks;
  /** The alerts centre, Telegram and desktop notifications, and their settings. */
  notifications: NotifyService;
  /** Saved backtests over the candle store. */
  backtests: BacktestService;
  /** The account-wide risk governor: limits across every bot and signal source, and its locks. */
  governor: Governor;
  /** Stored market history: series, CSV imports, exchange backfills. */
  history: HistoryService;
}
