import { join } from 'node:path';
import { LedgerAccountGate } from '../../../accounts/account-gate.ts';
import { upsertEquity } from '../../../accounts/equity.repository.ts';
import { EventBus } from '../../../event-bus.ts';
import { OrderManager, type PlaceOrder } from '../../../execution/order-manager.ts';
import { insertBot } from '../../../persistence/bots.repository.ts';
import { openDatabase } from '../../../persistence/open-database.ts';
import { recordingLogger } from '../../../testing/recording-logger.ts';
import { manualClock, tempDir } from '../../../testing/temp-dir.ts';
import { PaperVenue } from '../../../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../../../venues/venue-registry.ts';
import { EntryChecks } from '../../entry-checks.ts';
import { Governor } from '../governor.ts';
import { PriceFreshness } from '../price-freshness.ts';
import { RiskLimitsSchema, type RiskLimits } from '../../../../../shared/contract/risk-limits.ts';

const instrument = (symbol: string, base: string) => ({ venue: 'paper', symbol, base, quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 0.01 });
export const INSTRUMENTS = [instrument('BTC/USDT', 'BTC'), instrument('ETH/USDT', 'ETH'), instrument('SOL/USDT', 'SOL')];

/**
 * The governor on the real order path: a real SQLite file, the paper venue (no fees, no slippage),
 * the ledger gate that books fills on the paper account (10,000 USDT), market time and wall time
 * on hand-driven clocks, and prices set by hand.
 */
export async function governorHarness(options: { dir?: string; bots?: number; marketStart?: number } = {}) {
  const dir = options.dir ?? tempDir();
  const { db, close } = await openDatabase(join(dir, 'governor.sqlite'));
  const marketClock = manualClock(options.marketStart);
  const wall = manualClock();
  const prices = new Map<string, number>();
  const lastPrice = (symbol: string) => prices.get(symbol) ?? null;
  const venue = new PaperVenue(INSTRUMENTS, marketClock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  const market = { instruments: INSTRUMENTS, lastPrice, takerFee: 0 };
  const freshness = new PriceFreshness(wall);
  const locked: { title: string; body: string }[] = [];
  const logger = recordingLogger();
  const governor = new Governor({ db, marketClock, clock: wall, market, freshness, logger, onLocked: (title, body) => locked.push({ title, body }) });
  const checks = new EntryChecks(logger);
  checks.add('account risk limits', governor.check);
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', venue]]), bus: new EventBus((e) => { throw e; }), clock: marketClock, logger, gate: new LedgerAccountGate({ market }), entryChecks: checks });
  await orders.loadPositions();
  // Reopened on a folder: the bots are stored already.
  const bots = options.dir ? 0 : (options.bots ?? 3);
  for (let i = 1; i <= bots; i++) {
    await insertBot(db, { id: `b${i}`, name: `Bot ${i}`, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  }
  const setPrice = (symbol: string, px: number) => {
    prices.set(symbol, px);
    venue.markPrice(symbol, px);
    freshness.note(symbol);
  };
  setPrice('BTC/USDT', 100);
  setPrice('ETH/USDT', 10);
  return {
    db,
    close,
    dir,
    orders,
    governor,
    locked,
    logger,
    venue,
    marketClock,
    wall,
    setPrice,
    dropPrice: (symbol: string) => prices.delete(symbol),
    setLimits: async (limits: Partial<RiskLimits>) => {
      const result = await governor.setLimits('paper', RiskLimitsSchema.parse(limits));
      if (!result.ok) throw new Error(result.error.message);
    },
    recordEquity: (ts: number, equity: number, epoch = 1) => upsertEquity(db, [{ accountId: 'paper', ts, epoch, equity }]),
    /** The paper account starts over (a reset): a new epoch with 10,000 USDT. */
    newEpoch: async (epoch: number) => {
      await db.updateTable('accounts').set({ epoch }).where('id', '=', 'paper').execute();
      await db.insertInto('accountEpochs').values({ accountId: 'paper', epoch, startedAt: 0, endedAt: null }).execute();
      await db.insertInto('accountBalances').values({ accountId: 'paper', epoch, currency: 'USDT', starting: 10_000, total: 10_000 }).execute();
    },
    buy: (botId: string, qty: number, more: Partial<PlaceOrder> = {}) => orders.place({ botId, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty, ...more }),
    sell: (botId: string, qty: number, more: Partial<PlaceOrder> = {}) => orders.place({ botId, symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty, ...more }),
  };
}
export type Harness = Awaited<ReturnType<typeof governorHarness>>;
