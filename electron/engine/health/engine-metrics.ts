import type { Order, OrderStatus } from '../../../shared/domain/order.ts';
import type { WebhookOutcome } from '../../../shared/domain/webhook.ts';
import type { EventBus } from '../event-bus.ts';
import type { EngineServices } from '../services.ts';
import { Counter, family, Histogram } from './prometheus-text.ts';

const TERMINAL: ReadonlySet<OrderStatus> = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED']);
/** Feed lag is measured on the one-minute bars every market (simulated or live) closes. */
const BAR_MS = 60_000;
/** TradingView gives up after 3 s: the buckets resolve the range below and around that. */
const WEBHOOK_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The engine's Prometheus metrics. What happens (orders, fills, refusals, webhook answers) is
 * counted as it happens, for the life of this process; what is (venues, feed, reconciliation)
 * is read from the services at scrape time.
 */
export class EngineMetrics {
  readonly #orders = new Counter();
  readonly #fills = new Counter();
  readonly #refusals = new Counter();
  readonly #refusalsByRule = new Counter();
  readonly #byType = new Counter();
  readonly #webhooks = new Counter();
  readonly #webhookSeconds = new Histogram(WEBHOOK_SECONDS_BUCKETS);
  /** Open orders' last announced status and filled quantity; an order leaves once it is finished. */
  readonly #seen = new Map<string, { status: OrderStatus; filledQty: number }>();
  readonly #lastClosedBar = new Map<string, number>();

  constructor(bus: EventBus) {
    bus.on('candle', ({ symbol, timeframe, candle, closed }) => {
      if (closed && timeframe === '1m' && candle.ts > (this.#lastClosedBar.get(symbol) ?? -Infinity)) this.#lastClosedBar.set(symbol, candle.ts);
    });
  }

  /** Given every order update the order manager commits. */
  readonly orderUpdated = (order: Order): void => {
    const before = this.#seen.get(order.clientOrderId);
    if (before?.status !== order.status) {
      this.#orders.inc({ status: order.status });
      this.#byType.inc({ type: order.type, status: order.status });
    }
    if (order.filledQty > (before?.filledQty ?? 0)) this.#fills.inc({ side: order.side });
    if (order.status === 'REJECTED' && before?.status !== 'REJECTED') this.#refusals.inc({ account: order.venue });
    if (TERMINAL.has(order.status)) this.#seen.delete(order.clientOrderId);
    else this.#seen.set(order.clientOrderId, { status: order.status, filledQty: order.filledQty });
  };

  /** Given the rule each time one refuses an entry (a risk rule, the emergency stop, a bot's sizing). */
  readonly riskRefused = (rule: string): void => {
    this.#refusalsByRule.inc({ rule });
  };

  /** Given every answer the webhook listener sends, with the seconds from request to answer. */
  readonly webhookAnswered = (outcome: WebhookOutcome, seconds: number): void => {
    this.#webhooks.inc({ outcome });
    this.#webhookSeconds.observe(seconds);
  };

  /** The exposition text for `GET /metrics`. */
  async text(engine: EngineServices): Promise<string> {
    const now = engine.market.clock.now();
    const feed = (await engine.marketSource.status()).feed;
    const exchangeStates = engine.exchangeVenues.states();
    const registered = new Set(engine.venues.accounts());
    const venueUp = [...registered].filter((id) => !exchangeStates.some((s) => s.accountId === id)).map((account) => ({ labels: { account }, value: 1 }));
    const states = ['reconciling', 'ready', 'failed'] as const;
    return [
      family('stoxrobot_orders_total', 'counter', 'Orders by each status they were announced in since the engine started (an order filled on arrival counts as FILLED only)', this.#orders.samples()),
      family('stoxrobot_fills_total', 'counter', 'Order updates that brought new fills (fills reported in one venue reply count once)', this.#fills.samples()),
      family('stoxrobot_risk_refusals_total', 'counter', 'Orders rejected with a reason (by a risk check, the account or the venue)', this.#refusals.samples()),
      family('stoxrobot_risk_refusals_by_rule_total', 'counter', 'Entries refused, by the rule that refused them (bot sizing refusals never became orders)', this.#refusalsByRule.samples()),
      family('stoxrobot_orders_by_type_total', 'counter', 'stoxrobot_orders_total split by order type (MARKET, LIMIT, STOP, STOP_LIMIT)', this.#byType.samples()),
      family('stoxrobot_webhook_requests_total', 'counter', 'Webhook requests answered, by outcome', this.#webhooks.samples()),
      family('stoxrobot_webhook_request_duration_seconds', 'histogram', 'Seconds from a webhook request to its answer', this.#webhookSeconds.samples()),
      family('stoxrobot_feed_lag_seconds', 'gauge', 'Market time now minus the close of the last closed one-minute bar, per symbol', [...this.#lastClosedBar].map(([symbol, ts]) => ({ labels: { symbol }, value: (now - (ts + BAR_MS)) / 1000 }))),
      family('stoxrobot_feed_connected', 'gauge', 'Whether the live exchange feed answers (1 on the simulated market)', [{ labels: {}, value: feed === null || feed.connected ? 1 : 0 }]),
      family('stoxrobot_feed_failures', 'gauge', 'Failed attempts in a row of the live feed (above 0 while it backs off)', [{ labels: {}, value: feed?.failures ?? 0 }]),
      family('stoxrobot_venue_connected', 'gauge', 'Whether the venue of each account is open', [...venueUp, ...exchangeStates.map((s) => ({ labels: { account: s.accountId }, value: s.connected ? 1 : 0 }))]),
      family('stoxrobot_reconciliation_state', 'gauge', 'The reconciliation state of each account (1 for the current one)', engine.reconciliation.list().flatMap((r) => states.map((state) => ({ labels: { account: r.accountId, state }, value: r.state === state ? 1 : 0 })))),
      family('stoxrobot_reconciliation_mismatches', 'gauge', 'Differences with the venue waiting for the trader, per account', engine.reconciliation.list().map((r) => ({ labels: { account: r.accountId }, value: r.mismatches.length }))),
      family('stoxrobot_webhook_listener_up', 'gauge', 'Whether the webhook listener is listening', [{ labels: {}, value: engine.webhooks.status().listening ? 1 : 0 }]),
      family('stoxrobot_storage_writable', 'gauge', 'Whether the disk takes writes (0: trading is paused)', [{ labels: {}, value: engine.storage.writable ? 1 : 0 }]),
      family('stoxrobot_logged_errors_total', 'counter', 'Errors the engine logged since it started', [{ labels: {}, value: engine.recentErrors.errorCount() }]),
    ].join('');
  }
}
