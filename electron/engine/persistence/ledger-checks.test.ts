import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared/domain/order.ts';
import { FLAT, type PositionState } from '../execution/position-math.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { insertBot } from './bots.repository.ts';
import { insertFillOnce, insertTrade, loadPositions, savePosition } from './ledger.repository.ts';
import { openDatabase } from './open-database.ts';
import { insertOrder, updateOrder } from './orders.repository.ts';

const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
const REFUSED = /CHECK constraint failed|NOT NULL constraint failed/;

const ORDER: Order = {
  clientOrderId: 'o1', venueOrderId: null, botId: 'b1', venue: 'paper', symbol: 'BTC/USDT', side: 'BUY', type: 'LIMIT',
  qty: 1, price: 100, triggerPrice: null, status: 'ACCEPTED', source: 'strategy', filledQty: 0, avgFillPx: null, rejectReason: null, tsInit: 1, tsEvent: 1,
};
const FILL = { venue: 'paper', fillId: 'f1', clientOrderId: 'o1', botId: 'b1', symbol: 'BTC/USDT', side: 'BUY' as const, lastQty: 1, lastPx: 100, fee: 0.1, tsEvent: 1 };
const TRIP = { side: 'LONG', qty: 1, avgPxOpen: 100, avgPxClose: 110, realizedPnl: 9.8, fees: 0.2, openedAt: 1, closedAt: 2, entryOrderId: null };
const PLACE = { botId: 'b1', symbol: 'BTC/USDT', accountId: 'paper', exitOrderId: null };
const OPEN: PositionState = { ...FLAT, netQty: 1, avgPxOpen: 100, openedAt: 1, tripEntryQty: 1, tripEntryNotional: 100, tripEntries: 1 };

async function ledger() {
  const opened = await openDatabase(join(tempDir(), 'ledger.sqlite'));
  await insertBot(opened.db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 1, account: 'paper', status: 'stopped', createdAt: 0, updatedAt: 0 });
  await insertOrder(opened.db, ORDER);
  return opened;
}

/** Each bad value is refused, and the good row still goes in afterwards (the rule is not too strict). */
async function expectRefused(write: (bad: number) => Promise<unknown>, bads: number[]): Promise<void> {
  for (const bad of bads) await expect(write(bad), `value ${bad}`).rejects.toThrow(REFUSED);
}

describe('the database refuses numbers the ledger must never hold', () => {
  it('orders: quantity, price, filled quantity and average fill price', async () => {
    const { db, close } = await ledger();
    const insert = (changes: Partial<Order>) => insertOrder(db, { ...ORDER, clientOrderId: `o-${Math.random()}`, ...changes });
    await expectRefused((qty) => insert({ qty }), [...NON_FINITE, -1, 0]);
    await expectRefused((price) => insert({ price }), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0]);
    await expectRefused((filledQty) => updateOrder(db, 'o1', { filledQty }), [...NON_FINITE, -1e-9]);
    await expectRefused((avgFillPx) => updateOrder(db, 'o1', { avgFillPx }), [Number.POSITIVE_INFINITY, -100, 0]);
    await insert({ qty: 1e-12, price: 1e-12 }); // tiny is fine
    await close();
  });

  it('fills: quantity, price and fee', async () => {
    const { db, close } = await ledger();
    const insert = (changes: Partial<typeof FILL>) => insertFillOnce(db, { ...FILL, fillId: `f-${Math.random()}`, ...changes }, 1);
    await expectRefused((lastQty) => insert({ lastQty }), [...NON_FINITE, -1, 0]);
    await expectRefused((lastPx) => insert({ lastPx }), [...NON_FINITE, -1, 0]);
    await expectRefused((fee) => insert({ fee }), [...NON_FINITE, -1e-10]);
    expect(await insert({ lastQty: 1e-9, fee: 0 })).toBe(true);
    await close();
  });

  it('positions: every number finite, average price, trip quantities, notionals and fees not negative', async () => {
    const { db, close } = await ledger();
    const save = (changes: Partial<PositionState>) => savePosition(db, 'b1', 'BTC/USDT', { ...OPEN, ...changes }, 1);
    for (const field of ['netQty', 'realizedPnl', 'tripRealizedPnl'] as const) await expectRefused((v) => save({ [field]: v }), NON_FINITE);
    const notNegative = ['avgPxOpen', 'tripEntryQty', 'tripEntryNotional', 'tripExitQty', 'tripExitNotional', 'tripFees', 'tripEntries'] as const;
    for (const field of notNegative) await expectRefused((v) => save({ [field]: v }), [...NON_FINITE, -1]);
    await save({ netQty: -2, realizedPnl: -1e6, tripRealizedPnl: -5 }); // a losing short is fine
    expect(await loadPositions(db)).toEqual([{ botId: 'b1', symbol: 'BTC/USDT', ...OPEN, netQty: -2, realizedPnl: -1e6, tripRealizedPnl: -5, updatedAt: 1 }]);
    await close();
  });

  it('trades: quantity, prices and fees, and a finite P&L', async () => {
    const { db, close } = await ledger();
    const insert = (changes: Partial<typeof TRIP>) => insertTrade(db, PLACE, { ...TRIP, ...changes });
    for (const field of ['qty', 'avgPxOpen', 'avgPxClose'] as const) await expectRefused((v) => insert({ [field]: v }), [...NON_FINITE, -1, 0]);
    await expectRefused((fees) => insert({ fees }), [...NON_FINITE, -0.01]);
    await expectRefused((realizedPnl) => insert({ realizedPnl }), NON_FINITE);
    await insert({ realizedPnl: -50, fees: 0 });
    await close();
  });

  it('keeps refusing after a later migration adds a column to each table', async () => {
    const { db, close } = await ledger();
    for (const table of ['orders', 'fills', 'positions', 'trades']) await sql.raw(`alter table ${table} add column later integer not null default 0`).execute(db);
    await expect(insertOrder(db, { ...ORDER, clientOrderId: 'o2', qty: Number.POSITIVE_INFINITY })).rejects.toThrow('orders_qty_positive');
    await expect(insertFillOnce(db, { ...FILL, fee: -1 }, 1)).rejects.toThrow('fills_fee_not_negative');
    await expect(savePosition(db, 'b1', 'BTC/USDT', { ...OPEN, tripFees: Number.NEGATIVE_INFINITY }, 1)).rejects.toThrow('positions_trip_fees_not_negative');
    await expect(insertTrade(db, PLACE, { ...TRIP, avgPxClose: -1 })).rejects.toThrow('trades_avg_px_close_positive');
    await close();
  });
});
