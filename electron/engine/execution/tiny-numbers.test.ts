import { VenueRegistry } from '../venues/venue-registry.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { EventBus } from '../event-bus.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { listFills, listTrades, loadPositions } from '../persistence/ledger.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import { OrderManager } from './order-manager.ts';
import { markedPositions, sumPnl } from './portfolio.ts';

/** A coin priced in fractions of a cent, traded in whole units: P&L of a few 1e-8 USDT is real. */
const SHIB: Instrument = { venue: 'paper', symbol: 'SHIB/USDT', base: 'SHIB', quote: 'USDT', tickSize: 1e-8, stepSize: 1, minNotional: 0 };

async function setup() {
  const opened = await openDatabase(join(tempDir(), 'tiny.sqlite'));
  const venue = new PaperVenue([SHIB], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
  const bus = new EventBus((e) => {
    throw e;
  });
  await insertBot(opened.db, { id: 'b1', name: 'b', symbol: 'SHIB/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const orders = new OrderManager({ db: opened.db, venues: new VenueRegistry([['paper', venue]]), bus, clock: manualClock(), logger: silentLogger });
  return { ...opened, venue, orders };
}

describe('tiny numbers through the order path (real SQLite)', () => {
  it('a close whose realised P&L is 1e-8 closes the position and keeps its fill', async () => {
    // The old roundQuote(1e-8) built "1e-8e8" = NaN: the position row was refused, the fill lost.
    const { db, venue, orders, close } = await setup();
    venue.markPrice('SHIB/USDT', 0.00001);
    await orders.place({ botId: 'b1', symbol: 'SHIB/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    venue.markPrice('SHIB/USDT', 0.00001001);
    const closing = await orders.place({ botId: 'b1', symbol: 'SHIB/USDT', side: 'SELL', type: 'MARKET', qty: 1 });
    expect(closing.status).toBe('FILLED');
    expect(await listFills(db, { limit: 10 })).toHaveLength(2);
    // (0.00001001 - 0.00001) x 1 = 1e-8
    expect(await listTrades(db, { limit: 10 })).toEqual([expect.objectContaining({ qty: 1, avgPxOpen: 0.00001, avgPxClose: 0.00001001, realizedPnl: 1e-8 })]);
    expect(await loadPositions(db)).toEqual([expect.objectContaining({ netQty: 0, realizedPnl: 1e-8 })]);
    await close();
  });

  it('sums tiny realised and open P&L into finite numbers (the status page answered 500 on a NaN)', async () => {
    const { venue, orders, close } = await setup();
    venue.markPrice('SHIB/USDT', 0.00000123);
    await orders.place({ botId: 'b1', symbol: 'SHIB/USDT', side: 'BUY', type: 'MARKET', qty: 3 });
    // open 3 @ 0.00000123, last 0.00000124: +3e-8
    const positions = markedPositions(orders, () => 0.00000124, () => undefined, [SHIB]);
    expect(sumPnl(positions)).toEqual({ realized: 0, unrealized: 3e-8 });
    await close();
  });
});
