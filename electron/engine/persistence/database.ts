import type { Generated, GeneratedAlways } from 'kysely';
import type { OrderSource } from '../../../shared/domain/order.ts';

/** Row shapes of every table, in camelCase (the CamelCasePlugin maps them to snake_case columns). */
export interface BotsTable {
  id: string;
  name: string;
  symbol: string;
  timeframe: string;
  strategyJson: string;
  /** The bot's exits (BotExits as JSON), or null for none. */
  exitsJson: string | null;
  orderQty: number;
  account: string;
  status: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  /** Null for bots stored before sizing existed (they trade `orderQty`). */
  sizingJson: Generated<string | null>;
}

export interface OrdersTable {
  clientOrderId: string;
  venueOrderId: string | null;
  botId: string;
  venue: string;
  symbol: string;
  side: string;
  type: string;
  qty: number;
  price: number | null;
  /** Stop orders only; added by a later migration, so rows written before it read null. */
  triggerPrice: Generated<number | null>;
  status: string;
  /** Defaults to 'strategy' in the schema, which is what every order was before sources were kept. */
  source: Generated<string>;
  filledQty: number;
  avgFillPx: number | null;
  rejectReason: string | null;
  tsInit: number;
  tsEvent: number;
}

export interface FillsTable {
  venue: string;
  fillId: string;
  clientOrderId: string;
  botId: string;
  symbol: string;
  side: string;
  lastQty: number;
  lastPx: number;
  fee: number;
  tsEvent: number;
  tsInit: number;
}

export interface OrderEventsTable {
  id: Generated<number>;
  clientOrderId: string;
  kind: string;
  applied: number;
  statusAfter: string;
  detail: string;
  tsEvent: number;
  tsInit: number;
}

export interface PositionsTable {
  botId: string;
  symbol: string;
  /** Signed quantity: positive long, negative short, zero flat. */
  netQty: number;
  avgPxOpen: number;
  realizedPnl: number;
  openedAt: number | null;
  /** The current round trip, summed until the position is flat again and a trade row is written. */
  tripEntryQty: number;
  /** Sum of quantity x price of the trip's entries: the trade's entry price is this / tripEntryQty. */
  tripEntryNotional: number;
  tripExitQty: number;
  tripExitNotional: number;
  tripRealizedPnl: number;
  tripFees: number;
  tripEntries: number;
  /** The order whose fill opened the current trip: the trade it becomes names it. */
  tripEntryOrderId: string | null;
  updatedAt: number;
}

export interface TradesTable {
  id: Generated<number>;
  botId: string;
  symbol: string;
  side: string;
  qty: number;
  avgPxOpen: number;
  avgPxClose: number;
  realizedPnl: number;
  fees: number;
  openedAt: number;
  closedAt: number;
  /** The account the trade was on (`paper` or an exchange account's id). */
  accountId: string;
  /** The order whose fill opened the trade and the one that closed it; null when a trader's adjustment did. */
  entryOrderId: string | null;
  exitOrderId: string | null;
  /** Who placed the entry; null when no order opened it (an adjusted position). */
  source: OrderSource | null;
  /** The TradingView alert whose order opened the trade. */
  alertId: number | null;
  /** Generated: P&L over the entry's value, and closedAt - openedAt. */
  returnRatio: GeneratedAlways<number>;
  durationMs: GeneratedAlways<number>;
}

export interface CandlesTable {
  venue: string;
  symbol: string;
  timeframe: string;
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  ts: number;
  action: string;
  entity: string;
  entityId: string;
  detailJson: string;
}

export interface SettingsTable {
  key: string;
  valueJson: string;
}

export interface WebhookKeysTable {
  botId: string;
  digest: string;
  createdAt: number;
}

export interface AlertsTable {
  id: Generated<number>;
  dedupeKey: string;
  botId: string;
  receivedAt: number;
  /** The validated command without its passphrase. */
  commandJson: string;
  status: 'pending' | 'executed' | 'refused' | 'failed';
  result: string | null;
  orderIdsJson: Generated<string>;
}

export interface WebhookLogTable {
  id: Generated<number>;
  ts: number;
  source: string;
  botId: string | null;
  statusCode: number;
  outcome: string;
  reason: string | null;
  body: string;
  alertId: number | null;
  orderIdsJson: Generated<string>;
}

export interface ProtectionsTable {
  botId: string;
  symbol: string;
  stopLoss: number | null;
  takeProfit: number | null;
  /** The protective close placed and not yet finished; the levels stay until it is filled. */
  closingOrderId: string | null;
  /** Why the last protective close could not be done, and when (retries wait after it). */
  closeError: string | null;
  closeErrorAt: number | null;
  /** The bot's exits worked out for this position (ExitPlan as JSON), or null. */
  exitPlanJson: string | null;
}

/** One order of an alert's stored plan (`sr-alert-<alertId>-<leg>`). */
export interface AlertLegsTable {
  alertId: number;
  leg: number;
  symbol: string;
  side: 'BUY' | 'SELL';
  type: 'MARKET' | 'LIMIT';
  qty: number;
  price: number | null;
  clientOrderId: string;
  status: 'pending' | 'done' | 'failed';
  reason: string | null;
}

export interface AccountsTable {
  id: string;
  kind: 'paper' | 'exchange';
  /** The currency equity and collateral are counted in. */
  currency: string;
  /** The current epoch: a reset starts the next one. */
  epoch: number;
  createdAt: number;
}

export interface AccountEpochsTable {
  accountId: string;
  epoch: number;
  /** Market time (the clock fills are stamped with). */
  startedAt: number;
  endedAt: number | null;
}

export interface AccountBalancesTable {
  accountId: string;
  epoch: number;
  currency: string;
  starting: number;
  total: number;
}

export interface AccountStartingBalancesTable {
  accountId: string;
  currency: string;
  amount: number;
}

export interface AccountEntriesTable {
  id: Generated<number>;
  /** The venue's fill id: a fill is applied to an account once. */
  fillId: string | null;
  clientOrderId: string;
  accountId: string;
  epoch: number;
  ts: number;
  baseCurrency: string;
  baseDelta: number;
  quoteCurrency: string;
  /** Signed, fee included: -(qty × px + fee) for a buy, qty × px - fee for a sell. */
  quoteDelta: number;
  fee: number;
}

export interface AccountEquityTable {
  accountId: string;
  ts: number;
  epoch: number;
  equity: number;
}

/** An exchange account's settings; its keys are in the OS keychain under `secretRef`, never here. */
export interface ExchangeAccountsTable {
  accountId: string;
  exchangeId: string;
  label: string;
  sandbox: 0 | 1;
  optionsJson: string;
  /** The keychain entry holding the keys; null when the host reads them from its environment. */
  secretRef: string | null;
  apiKeyLast4: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A symbol enabled (or once enabled) on an exchange, with its market rules and risk multiplier. */
export interface ExchangeSymbolsTable {
  exchangeId: string;
  symbol: string;
  base: string;
  quote: string;
  type: 'spot' | 'swap';
  tickSize: number;
  stepSize: number;
  minNotional: number;
  minQty: number;
  riskMultiplier: number;
  enabled: 0 | 1;
  updatedAt: number;
}

export interface EmergencyStopTable {
  id: number;
  level: 'block' | 'cancel' | 'flatten';
  since: number;
  stoppedBy: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  body: string;
  ts: number;
  read: number;
}

/** A saved backtest; the JSON columns hold what `backtest/runs.repository.ts` writes. */
export interface BacktestRunsTable {
  id: string;
  createdAt: number;
  venue: string;
  symbol: string;
  timeframe: string;
  fromTs: number;
  toTs: number;
  strategy: string;
  options: string;
  metrics: string;
  trades: string;
  openTrade: string | null;
  equity: string;
}

/** Account-wide risk limits (the governor); null is off. */
export interface RiskLimitsTable {
  accountId: string;
  maxOpenPositions: number | null;
  maxSymbolExposure: number | null;
  maxTotalExposure: number | null;
  dailyLossLimit: number | null;
  dailyResetTime: string;
  timeZone: string;
  maxDrawdownPct: number | null;
  maxPriceAgeSeconds: number | null;
  updatedAt: number;
}

export interface RiskGovernorLocksTable {
  id: Generated<number>;
  accountId: string;
  kind: 'daily_loss' | 'drawdown';
  since: number;
  until: number | null;
  reason: string;
  liftedAt: number | null;
  liftedBy: string | null;
}

/** An entry lock set by a protection; `symbol` '*' is every symbol of the account. */
export interface RiskLocksTable {
  id: Generated<number>;
  accountId: string;
  symbol: string;
  rule: 'stop_loss_guard' | 'cooldown' | 'low_profit';
  reason: string;
  since: number;
  until: number;
  liftedAt: number | null;
  liftedBy: string | null;
}

export interface Database {
  bots: BotsTable;
  orders: OrdersTable;
  fills: FillsTable;
  orderEvents: OrderEventsTable;
  positions: PositionsTable;
  trades: TradesTable;
  candles: CandlesTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  webhookKeys: WebhookKeysTable;
  alerts: AlertsTable;
  webhookLog: WebhookLogTable;
  protections: ProtectionsTable;
  alertLegs: AlertLegsTable;
  accounts: AccountsTable;
  accountEpochs: AccountEpochsTable;
  accountBalances: AccountBalancesTable;
  accountStartingBalances: AccountStartingBalancesTable;
  accountEntries: AccountEntriesTable;
  accountEquity: AccountEquityTable;
  exchangeAccounts: ExchangeAccountsTable;
  exchangeSymbols: ExchangeSymbolsTable;
  emergencyStop: EmergencyStopTable;
  notifications: NotificationsTable;
  backtestRuns: BacktestRunsTable;
  riskLimits: RiskLimitsTable;
  riskGovernorLocks: RiskGovernorLocksTable;
  riskLocks: RiskLocksTable;
}
