import { join } from 'node:path';
import type { Bot } from '../../../../shared/domain/bot.ts';
import { EventBus } from '../../event-bus.ts';
import { OrderManager } from '../../execution/order-manager.ts';
import { insertBot } from '../../persistence/bots.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { silentLogger } from '../../ports/logger.ts';
import { delegatingVenue } from '../../testing/delegating-venue.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { PaperVenue } from '../../venues/paper/paper-venue.ts';
import type { Venue } from '../../venues/venue.ts';
import { VenueRegistry } from '../../venues/venue-registry.ts';
import { PairExecutor } from '../pair-executor.ts';

/** Two paper accounts (leg A on paper-a, leg B on paper-b) trading BTC/USDT at 50,000, no fee or slippage. */
const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
const botOn = (id: string, account: string): Bot => ({ id, name: id, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.05, feeBpsA: 10, feeBpsB: 10, slippageBps: 2 }, orderQty: 1, account, status: 'running', createdAt: 0, updatedAt: 0 });
export const BOOK = { name: 'BTC gap', qty: 1, a: { botId: 'arb', symbol: 'BTC/USDT', account: 'paper-a' }, b: { botId: 'arb-b', symbol: 'BTC/USDT', account: 'paper-b' } };
export const BUY_A_SELL_B = { a: { target: 'long' }, b: { target: 'short' } } as const;
export const CLOSE_BOTH = { a: { target: 'flat' }, b: { target: 'flat' } } as const;

/**
 * A real SQLite file, order manager and two paper venues behind one pair executor; `overrideB`
 * puts faults into venue B, and `firstRun: false` reopens `file` as the app does after a crash.
 */
export async function pairDesk(file = join(tempDir(), 'pair.sqlite'), overrideB: Partial<Venue> = {}, firstRun = true) {
  const { db } = await openDatabase(file);
  if (firstRun) for (const bot of [botOn('arb', 'paper-a'), botOn('arb-b', 'paper-b')]) await insertBot(db, bot);
  const paper = () => {
    const venue = new PaperVenue([BTC], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
    venue.markPrice('BTC/USDT', 50_000);
    return venue;
  };
  const paperA = paper();
  const paperB = paper();
  const venues = new VenueRegistry([['paper-a', paperA], ['paper-b', delegatingVenue(paperB, overrideB)]]);
  const orders = new OrderManager({ db, venues, bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await orders.loadPositions();
  const alerts: string[] = [];
  const executor = new PairExecutor({ db, orders, logger: silentLogger, alert: (title, body) => alerts.push(`${title}: ${body}`) }, BOOK);
  /** Sets the price each venue fills market orders at. */
  const mark = (pxA: number, pxB: number) => {
    paperA.markPrice('BTC/USDT', pxA);
    paperB.markPrice('BTC/USDT', pxB);
  };
  return { db, orders, executor, alerts, file, mark };
}
