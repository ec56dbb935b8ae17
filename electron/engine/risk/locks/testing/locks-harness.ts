import { join } from 'node:path';
import type { OrderSource } from '../../../../../shared/domain/order.ts';
import type { Instrument } from '../../../../../shared/domain/instrument.ts';
import type { ProtectionConfig } from '../../../../../shared/contract/risk-locks.ts';
import { DEFAULT_PROTECTIONS } from '../../../../../shared/contract/risk-locks.ts';
import { EventBus } from '../../../event-bus.ts';
import { OrderManager } from '../../../execution/order-manager.ts';
import { insertBot } from '../../../persistence/bots.repository.ts';
import { openDatabase } from '../../../persistence/open-database.ts';
import { silentLogger } from '../../../ports/logger.ts';
import { manualClock, tempDir } from '../../../testing/temp-dir.ts';
import { PaperVenue } from '../../../venues/paper/paper-venue.ts';
import { VenueRegistry } from '../../../venues/venue-registry.ts';
import { EntryChecks } from '../../entry-checks.ts';
import { RiskLocks } from '../risk-locks.ts';

const instrument = (symbol: string): Instrument => ({ venue: 'paper', symbol, base: symbol.split('/')[0] ?? symbol, quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 });
export const SYMBOLS = ['SOL/USDT', 'BTC/USDT'] as const;
export type TestSymbol = (typeof SYMBOLS)[number];
/** 12:00 UTC on a Monday; tests move it by hand. */
export const START = Date.UTC(2026, 0, 5, 12, 0, 0);
export const MIN = 60_000;

/**
 * The real order path (order manager, paper venue, entry checks, SQLite file) with the protection
 * locks wired as in the engine, and a clock the test moves. One bot per symbol, on account `paper`.
 */
export async function locksHarness(file = join(tempDir(), 'locks.sqlite'), options: { watchOrders?: boolean; venueAheadMs?: number } = {}) {
  const { db, close } = await openDatabase(file);
  const clock = manualClock(START);
  // A venue whose clock runs ahead of ours stamps fills (and so closes) in our future, as an exchange's may.
  const venueClock = { now: () => clock.now() + (options.venueAheadMs ?? 0) };
  const paper = new PaperVenue(SYMBOLS.map(instrument), venueClock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  if ((await db.selectFrom('bots').select('id').execute()).length === 0) {
    for (const symbol of SYMBOLS) {
      await insertBot(db, { id: botOf(symbol), name: symbol, symbol, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
    }
  }
  const bus = new EventBus((error) => {
    throw error;
  });
  const entryChecks = new EntryChecks(silentLogger);
  const orders = new OrderManager({ db, venues: new VenueRegistry([['paper', paper]]), bus, clock, logger: silentLogger, entryChecks });
  await orders.loadPositions();
  const notified: { title: string; body: string }[] = [];
  const locks = new RiskLocks({ db, clock, bus, logger: silentLogger, onLocked: (title, body) => notified.push({ title, body }) });
  entryChecks.add('protection locks', locks.entryRefusal);
  // A crash between a fill's commit and its evaluation is played by not watching the orders at all.
  if (options.watchOrders !== false) orders.onOrderUpdate(locks.orderUpdated);

  const enter = async (symbol: TestSymbol, px = 100, side: 'BUY' | 'SELL' = 'BUY') => {
    paper.markPrice(symbol, px);
    return orders.place({ botId: botOf(symbol), symbol, side, type: 'MARKET', qty: 1 });
  };
  /** Closes the symbol's position at `px` by a reduce-only order from `source`; waits for the locks to be looked at. */
  const exit = async (symbol: TestSymbol, px: number, source: OrderSource = 'protection') => {
    paper.markPrice(symbol, px);
    const held = orders.position(botOf(symbol), symbol).netQty;
    const order = await orders.place({ botId: botOf(symbol), symbol, side: held > 0 ? 'SELL' : 'BUY', type: 'MARKET', qty: Math.abs(held), source, reduceOnly: true });
    await locks.settled();
    return order;
  };
  /** A whole round trip: in at 100, out at `exitPx` (below 100: a loss). */
  const roundTrip = async (symbol: TestSymbol, exitPx: number, source: OrderSource = 'protection') => {
    const entry = await enter(symbol);
    if (entry.status !== 'FILLED') throw new Error(`The entry was not filled: ${entry.rejectReason ?? entry.status}`);
    return exit(symbol, exitPx, source);
  };
  const configure = async (change: (config: ProtectionConfig) => ProtectionConfig) => {
    const stored = await locks.setProtections('paper', change(structuredClone(DEFAULT_PROTECTIONS)));
    if (!stored.ok) throw new Error(stored.error.message);
  };
  return { db, close, file, clock, orders, locks, notified, enter, exit, roundTrip, configure };
}

export const botOf = (symbol: string) => `bot-${symbol.replace('/', '-')}`;
