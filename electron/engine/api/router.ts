import { implement } from '@orpc/server';
import { contract } from '../../../shared/contract/index.ts';
import type { BotStatus, BotSummary } from '../../../shared/domain/bot.ts';
import type { EngineServices } from '../services.ts';
import { markedPositions, sumPnl } from '../execution/portfolio.ts';
import { listFills, listTrades } from '../persistence/ledger.repository.ts';
import { tradePage, tradeTotals } from '../history/trade-history.ts';
import { tradeDetail } from '../history/trade-detail.ts';
import { findOrder, listOrders } from '../persistence/orders.repository.ts';
import { listOrderEvents } from '../persistence/order-events.repository.ts';
import { listLog } from '../persistence/webhooks.repository.ts';
import { candlesBefore } from '../persistence/candles.repository.ts';
import { closeBotPositions } from '../bots/close-positions.ts';
import { placeManualOrder } from '../bots/manual-order.ts';
import { coalescingStream } from './coalescing-stream.ts';
import { reconcileRouter } from './reconcile.ts';
import { riskRouter } from './risk-handlers.ts';
import { storageGuard } from './storage-guard.ts';
import { symbolsRouter } from './symbols-handlers.ts';
import { notificationsRouter } from './notifications-handlers.ts';
import { backtestRouter } from './backtest-handlers.ts';
import { optimizeRouter } from './optimize-handlers.ts';
import { historyRouter } from './history-handlers.ts';
import { chartRouter } from './chart-handlers.ts';
import { exportRouter } from './export-handlers.ts';
import { unwrap } from './errors.ts';
import { exchangeAccountHandlers } from './exchange-accounts.ts';
import { accountVenueHandlers } from './account-venues.ts';
import { marketSourceHandlers } from './market-source-handlers.ts';
import { fail, ok } from '../../../shared/errors.ts';
import { engineHealth } from '../health/engine-health.ts';
import { analyticsRouter } from './analytics-handlers.ts';

const os = implement(contract).$context<{ engine: EngineServices }>().use(storageGuard);

const positionsOf = (engine: EngineServices, botId?: string) => markedPositions(engine.orders, engine.lastPrice, engine.levels, engine.instruments, botId, engine.exchangeStops);

const withPnl = (engine: EngineServices) => {
  const positions = positionsOf(engine);
  return <T extends Pick<BotSummary, 'id' | 'status'>>(bot: T): T & Pick<BotSummary, 'pnl'> => ({ ...bot, status: shownStatus(engine, bot.status), pnl: sumPnl(positions.filter((p) => p.botId === bot.id)) });
};

/** A full disk pauses running bots without a write (none is possible): they show as paused until space returns. */
const shownStatus = (engine: EngineServices, status: BotStatus): BotStatus => (status === 'running' && !engine.storage.writable ? 'paused' : status);

/** The contract's implementation: thin handlers over the engine's services. */
export const router = os.router({
  bots: {
    list: os.bots.list.handler(async ({ context: { engine } }) => (await engine.bots.list()).map(withPnl(engine))),
    get: os.bots.get.handler(async ({ input, context: { engine } }) => withPnl(engine)(unwrap(await engine.bots.get(input.id)))),
    create: os.bots.create.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.create(input))),
    update: os.bots.update.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.update(input.id, input.config))),
    delete: os.bots.delete.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.remove(input.id))),
    start: os.bots.start.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.setStatus(input.id, 'running'))),
    pause: os.bots.pause.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.setStatus(input.id, 'paused'))),
    stop: os.bots.stop.handler(async ({ input, context: { engine } }) => unwrap(await engine.bots.setStatus(input.id, 'stopped'))),
    closePosition: os.bots.closePosition.handler(async ({ input, context: { engine } }) => unwrap(await closeBotPositions(engine, input.id, input.stopFirst))),
  },
  market: {
    instruments: os.market.instruments.handler(({ context: { engine } }) => [...engine.instruments]),
    candles: os.market.candles.handler(async ({ input, context: { engine } }) => {
      const instrument = engine.instruments.find((i) => i.symbol === input.symbol);
      const found = instrument ? ok(instrument) : fail('INVALID_INPUT', `Unknown symbol ${input.symbol}`, [{ path: ['symbol'], message: 'Unknown symbol' }]);
      const key = { venue: unwrap(found).venue, symbol: input.symbol, timeframe: input.timeframe };
      return candlesBefore(engine.db, key, input.limit, input.before);
    }),
    live: os.market.live.handler(({ input, context: { engine }, signal }) =>
      coalescingStream(
        (push) => engine.bus.on('candle', (u) => u.symbol === input.symbol && u.timeframe === input.timeframe && push(u)),
        // The latest closed bar and the forming bar: a chart that misses closed bars in between
        // (a fast market) reads them back with market.candles.
        (u) => (u.closed ? 'closed' : 'forming'),
        signal,
      ),
    ),
    ...marketSourceHandlers,
    retention: os.market.retention.handler(({ context: { engine } }) => engine.candleRetention.current()),
    setRetention: os.market.setRetention.handler(({ input, context: { engine } }) => engine.candleRetention.configure(input)),
  },
  orders: {
    place: os.orders.place.handler(async ({ input, context: { engine } }) => unwrap(await placeManualOrder(engine, input))),
    list: os.orders.list.handler(({ input, context: { engine } }) => listOrders(engine.db, input)),
    cancel: os.orders.cancel.handler(async ({ input, context: { engine } }) => unwrap(await engine.orders.cancel(input.clientOrderId))),
    detail: os.orders.detail.handler(async ({ input, context: { engine } }) => {
      const order = await findOrder(engine.db, input.clientOrderId);
      if (!order) return unwrap(fail('NOT_FOUND', `No order ${input.clientOrderId}`));
      return { order, events: await listOrderEvents(engine.db, input.clientOrderId) };
    }),
  },
  fills: { list: os.fills.list.handler(({ input, context: { engine } }) => listFills(engine.db, input)) },
  positions: { list: os.positions.list.handler(({ input, context: { engine } }) => positionsOf(engine, input.botId)) },
  trades: {
    list: os.trades.list.handler(({ input, context: { engine } }) => listTrades(engine.db, input)),
    history: os.trades.history.handler(async ({ input, context: { engine } }) => unwrap(await tradePage(engine.reads, input))),
    detail: os.trades.detail.handler(async ({ input, context: { engine } }) => unwrap(await tradeDetail(engine.reads, engine.instruments, input.id))),
    totals: os.trades.totals.handler(({ input, context: { engine } }) => tradeTotals(engine.reads, input.filter)),
  },
  engine: {
    status: os.engine.status.handler(async ({ context: { engine } }) => {
      const bots = await engine.bots.list();
      return {
        version: engine.version,
        startedAt: engine.startedAt,
        marketSpeed: engine.marketSource.candlesPerSecond,
        bots: { total: bots.length, running: bots.filter((b) => shownStatus(engine, b.status) === 'running').length },
        pnl: sumPnl(positionsOf(engine)),
        storage: engine.storage.status,
      };
    }),
    health: os.engine.health.handler(({ context: { engine } }) => engineHealth(engine)),
    events: os.engine.events.handler(({ context: { engine }, signal }) =>
      coalescingStream((push) => engine.bus.on('change', push), (e) => `${e.topic}:${e.botId ?? ''}`, signal),
    ),
  },
  webhooks: {
    status: os.webhooks.status.handler(({ context: { engine } }) => engine.webhooks.status()),
    configure: os.webhooks.configure.handler(({ input, context: { engine } }) => engine.webhooks.configure(input)),
    log: os.webhooks.log.handler(({ input, context: { engine } }) => listLog(engine.db, input)),
    rotatePassphrase: os.webhooks.rotatePassphrase.handler(async ({ input, context: { engine } }) => unwrap(await engine.webhooks.rotatePassphrase(input.botId))),
    sendTest: os.webhooks.sendTest.handler(async ({ input, context: { engine } }) => unwrap(await engine.webhooks.sendTest(input.message))),
  },
  accounts: {
    ...exchangeAccountHandlers,
    ...accountVenueHandlers,
    list: os.accounts.list.handler(({ context: { engine } }) => engine.accounts.list()),
    equity: os.accounts.equity.handler(async ({ input: { accountId, ...range }, context: { engine } }) => unwrap(await engine.accounts.series(accountId, range))),
    configure: os.accounts.configure.handler(async ({ input, context: { engine } }) => unwrap(await engine.accounts.configure(input.accountId, input.startingBalances))),
    reset: os.accounts.reset.handler(async ({ input, context: { engine } }) => unwrap(await engine.accounts.reset(input.accountId))),
  },
  reconcile: reconcileRouter,
  symbols: symbolsRouter,
  risk: riskRouter,
  notifications: notificationsRouter,
  backtest: { ...backtestRouter, ...optimizeRouter },
  history: historyRouter,
  chart: chartRouter,
  exports: exportRouter,
  analytics: analyticsRouter,
});
