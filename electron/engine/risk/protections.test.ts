import { VenueRegistry } from '../venues/venue-registry.ts';
import { delegatingVenue } from '../testing/delegating-venue.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fail } from '../../../shared/errors.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { markedPositions } from '../execution/portfolio.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import type { SubmitResult, Venue } from '../venues/venue.ts';
import { CLOSE_RETRY_MS, Protections } from './protections.ts';
import type { Kysely } from 'kysely';

const SOL: Instrument = { venue: 'paper', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', tickSize: 0.01, stepSize: 0.001, minNotional: 5 };
const BOT = 'b1';

/**
 * The paper venue behind a switch: `fill` passes orders on, `reject` refuses them, `hold` keeps the
 * answer back until `release()`. Not in-process, so an order row is committed before its answer.
 */
function scriptedVenue(paper: PaperVenue) {
  const script = { mode: 'fill' as 'fill' | 'reject' | 'hold', release: () => undefined as void };
  const venue: Venue = delegatingVenue(paper, {
    inProcess: false,
    submit: (order) => {
      if (script.mode === 'reject') return Promise.resolve<SubmitResult>(fail('REFUSED', 'The venue is in maintenance'));
      if (script.mode === 'fill') return paper.submit(order);
      return new Promise<SubmitResult>((resolve) => (script.release = () => void paper.submit(order).then(resolve)));
    },
  });;
  return { venue, script };
}

async function setup(db?: Kysely<Database>, file = join(tempDir(), 'protections.sqlite')) {
  const opened = db ?? (await openDatabase(file)).db;
  if (!db) await insertBot(opened, { id: BOT, name: 'b', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
  const clock = manualClock();
  const paper = new PaperVenue([SOL], clock, { takerFee: 0, makerFee: 0, slippageBps: 0 });
  paper.markPrice('SOL/USDT', 100);
  const { venue, script } = scriptedVenue(paper);
  const bus = new EventBus((e) => {
    throw e;
  });
  const orders = new OrderManager({ db: opened, venues: new VenueRegistry([['paper', venue]]), bus, clock, logger: silentLogger });
  await orders.loadPositions();
  const protections = new Protections({ db: opened, orders, bus, logger: silentLogger, clock, instruments: [SOL] });
  await protections.load();
  /** A tick: the venue's mark moves, then the levels are checked. */
  const tick = async (px: number) => {
    paper.markPrice('SOL/USDT', px);
    return protections.onPrice('SOL/USDT', px);
  };
  const orderCount = async () => (await listOrders(opened, { limit: 1000 })).length;
  const held = () => orders.position(BOT, 'SOL/USDT').netQty;
  const row = () => opened.selectFrom('protections').selectAll().executeTakeFirst();
  return { db: opened, clock, script, orders, protections, tick, orderCount, held, row };
}

describe('stop-loss and take-profit are kept until the closing order is filled', () => {
  it('shows a rejected close on the position, keeps the level, and tries again only after the retry interval', async () => {
    const { clock, script, orders, protections, tick, orderCount, held } = await setup();
    await orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    await protections.set(BOT, 'SOL/USDT', { stopLoss: 95, takeProfit: null });
    script.mode = 'reject';
    await tick(94);
    expect(protections.get(BOT, 'SOL/USDT')).toEqual({ stopLoss: 95, takeProfit: null, closeError: 'The venue is in maintenance' });
    expect([held(), await orderCount()]).toEqual([1, 2]);
    for (let px = 94; px > 80; px -= 0.5) expect(await tick(px)).toBeUndefined(); // no order storm
    expect(await orderCount()).toBe(2);
    const [marked] = markedPositions(orders, () => 80, (b, s) => protections.get(b, s), [SOL]);
    expect(marked).toMatchObject({ side: 'LONG', stopLoss: 95, closeError: 'The venue is in maintenance', dust: false });

    clock.advance(CLOSE_RETRY_MS);
    script.mode = 'fill';
    await tick(90);
    expect([held(), await orderCount(), protections.get(BOT, 'SOL/USDT')]).toEqual([0, 3, undefined]);
  });

  it('does not fire again while its close is in flight, and drops the level once it is filled', async () => {
    const { script, orders, protections, tick, orderCount, held, row } = await setup();
    await orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 2 });
    await protections.set(BOT, 'SOL/USDT', { stopLoss: null, takeProfit: 90 });
    script.mode = 'hold';
    const closing = tick(89);
    for (let i = 0; i < 20; i++) expect(await tick(88)).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await orderCount()).toBe(2);
    expect(await row()).toMatchObject({ takeProfit: 90, closingOrderId: expect.stringMatching(/^sr-/) });
    expect(protections.get(BOT, 'SOL/USDT')).toMatchObject({ takeProfit: 90 });
    script.release();
    await closing;
    expect([held(), protections.get(BOT, 'SOL/USDT'), await row()]).toEqual([0, undefined, undefined]);
  });

  it('labels a dust remainder and never sends an order that cannot close it', async () => {
    const { clock, orders, protections, tick, orderCount, held } = await setup();
    await orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    await orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 0.99 });
    await protections.set(BOT, 'SOL/USDT', { stopLoss: 95, takeProfit: null });
    await tick(94);
    const reason = 'The stop-loss at 95 was reached, but the position cannot be closed by an order: 0.01 SOL is worth 0.94 USDT at 94.00, below the 5 USDT minimum';
    expect(protections.get(BOT, 'SOL/USDT')).toEqual({ stopLoss: 95, takeProfit: null, closeError: reason });
    clock.advance(CLOSE_RETRY_MS);
    await tick(93);
    expect([held(), await orderCount()]).toEqual([0.01, 2]);
    const [marked] = markedPositions(orders, () => 93, (b, s) => protections.get(b, s), [SOL]);
    expect(marked).toMatchObject({ qty: 0.01, dust: true, stopLoss: 95, closeError: expect.stringContaining('cannot be closed by an order') });
  });

  it('after a restart, settles a close that was rejected and fires again one that was never placed', async () => {
    const { db, script, orders, protections, tick } = await setup();
    await orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    await protections.set(BOT, 'SOL/USDT', { stopLoss: 95, takeProfit: null });
    script.mode = 'reject';
    await tick(94);
    // As a crash leaves it: the rejected close still named in the row.
    const rejected = (await listOrders(db, { limit: 1 }))[0]?.clientOrderId ?? '';
    await db.updateTable('protections').set({ closingOrderId: rejected, closeError: null, closeErrorAt: null }).execute();
    const again = await setup(db);
    expect(again.protections.get(BOT, 'SOL/USDT')).toMatchObject({ closeError: 'The venue is in maintenance' });

    // Named before it was placed, then the crash: no order exists, so the level fires again.
    await db.updateTable('protections').set({ closingOrderId: 'sr-never-placed', closeError: null, closeErrorAt: null }).execute();
    const third = await setup(db);
    await third.tick(94);
    expect([third.held(), third.protections.get(BOT, 'SOL/USDT')]).toEqual([0, undefined]);
  });
});
