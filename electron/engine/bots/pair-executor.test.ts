import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../../shared/domain/bot.ts';
import { EventBus } from '../event-bus.ts';
import { OrderManager } from '../execution/order-manager.ts';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { delegatingVenue } from '../testing/delegating-venue.ts';
import { manualClock, tempDir } from '../testing/temp-dir.ts';
import { PaperVenue } from '../venues/paper/paper-venue.ts';
import type { Venue } from '../venues/venue.ts';
import { VenueRegistry } from '../venues/venue-registry.ts';
import { PairExecutor } from './pair-executor.ts';

const BTC = { venue: 'paper', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', tickSize: 0.01, stepSize: 0.0001, minNotional: 5 };
const botOn = (id: string, account: string): Bot => ({ id, name: id, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'arbitrage', entrySpreadPct: 0.1, exitSpreadPct: 0.05, feeBpsA: 10, feeBpsB: 10, slippageBps: 2 }, orderQty: 1, account, status: 'running', createdAt: 0, updatedAt: 0 });
const BOOK = { name: 'BTC gap', qty: 1, a: { botId: 'arb', symbol: 'BTC/USDT', account: 'paper-a' }, b: { botId: 'arb-b', symbol: 'BTC/USDT', account: 'paper-b' } };
const BUY_A_SELL_B = { a: { target: 'long' }, b: { target: 'short' } } as const;
const CLOSE_BOTH = { a: { target: 'flat' }, b: { target: 'flat' } } as const;

async function pairDesk(file = join(tempDir(), 'pair.sqlite'), overrideB: Partial<Venue> = {}, firstRun = true) {
  const { db } = await openDatabase(file);
  if (firstRun) for (const bot of [botOn('arb', 'paper-a'), botOn('arb-b', 'paper-b')]) await insertBot(db, bot);
  const paper = () => {
    const venue = new PaperVenue([BTC], manualClock(), { takerFee: 0, makerFee: 0, slippageBps: 0 });
    venue.markPrice('BTC/USDT', 50_000);
    return venue;
  };
  const venues = new VenueRegistry([['paper-a', paper()], ['paper-b', delegatingVenue(paper(), overrideB)]]);
  const orders = new OrderManager({ db, venues, bus: new EventBus((e) => { throw e; }), clock: manualClock(), logger: silentLogger });
  await orders.loadPositions();
  const alerts: string[] = [];
  const executor = new PairExecutor({ db, orders, logger: silentLogger, alert: (title, body) => alerts.push(`${title}: ${body}`) }, BOOK);
  return { db, orders, executor, alerts, file };
}

describe('the two legs of an arbitrage bot stay hedged', () => {
  it('opens leg A then leg B, and closes both, without an alert', async () => {
    const { executor, alerts } = await pairDesk();
    expect(await executor.follow(BUY_A_SELL_B)).toBe('hedged');
    expect(executor.positions()).toMatchObject({ a: { qty: 1 }, b: { qty: -1 } });
    expect(await executor.follow(CLOSE_BOTH)).toBe('hedged');
    expect(executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
    expect(alerts).toEqual([]);
  });

  it('closes leg A and tells the trader when leg B cannot be placed', async () => {
    const { executor, alerts, db } = await pairDesk(undefined, { submit: () => Promise.reject(new Error('venue B is down')) });
    expect(await executor.follow(BUY_A_SELL_B)).toBe('repaired');
    expect(executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
    expect(alerts).toEqual(["Arbitrage bot 'BTC gap': an unhedged leg was closed: The two legs did not match (leg A long 1 BTC/USDT on paper-a, leg B flat BTC/USDT on paper-b): sold 1 on leg A (paper-a), so nothing is left unhedged."]);
    const legA = (await listOrders(db, { limit: 10 })).filter((o) => o.botId === 'arb');
    expect(legA.map((o) => [o.side, o.status, o.source])).toEqual(expect.arrayContaining([['BUY', 'FILLED', 'strategy'], ['SELL', 'FILLED', 'protection']]));
  });

  it('after a crash between the legs, the restart closes the leg left alone and says so', async () => {
    const first = await pairDesk();
    // The app died right after leg A filled: leg A is recorded, leg B was never sent.
    await first.orders.place({ botId: 'arb', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, source: 'strategy' });
    await first.db.destroy();
    const restarted = await pairDesk(first.file, {}, false);
    expect(restarted.executor.positions()).toMatchObject({ a: { qty: 1 }, b: { qty: 0 } });
    expect(await restarted.executor.repair()).toBe('repaired');
    expect(restarted.executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
    expect(restarted.alerts[0]).toContain('sold 1 on leg A (paper-a)');
  });

  it('trims only the excess of a partly matched pair, on the leg that holds it', async () => {
    const { orders, executor, alerts } = await pairDesk();
    await orders.place({ botId: 'arb', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 0.3, source: 'strategy' });
    await orders.place({ botId: 'arb-b', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 0.7, source: 'strategy' });
    expect(await executor.repair()).toBe('repaired');
    expect(executor.positions()).toMatchObject({ a: { qty: -0.3 }, b: { qty: 0.3 } });
    expect(alerts[0]).toContain('sold 0.4 on leg B (paper-b)');
  });

  it('closes both legs when they sit on the same side', async () => {
    const { orders, executor } = await pairDesk();
    for (const botId of ['arb', 'arb-b']) await orders.place({ botId, symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, source: 'strategy' });
    expect(await executor.repair()).toBe('repaired');
    expect(executor.positions()).toMatchObject({ a: { qty: 0 }, b: { qty: 0 } });
  });

  it('waits while a leg still has an order in flight, and warns when the excess cannot be closed', async () => {
    const { orders, executor, alerts } = await pairDesk();
    await orders.place({ botId: 'arb', symbol: 'BTC/USDT', side: 'BUY', type: 'MARKET', qty: 1, source: 'strategy' });
    await orders.place({ botId: 'arb-b', symbol: 'BTC/USDT', side: 'SELL', type: 'LIMIT', qty: 1, price: 60_000, source: 'strategy' });
    expect(await executor.repair()).toBe('waiting');
    expect(executor.positions().a.qty).toBe(1);
    expect(alerts).toEqual([]);

    const down = await pairDesk(undefined, {});
    await down.orders.place({ botId: 'arb-b', symbol: 'BTC/USDT', side: 'SELL', type: 'MARKET', qty: 1, source: 'strategy' });
    const dead = await pairDesk(down.file, { submit: () => Promise.reject(new Error('venue B is down')) }, false);
    expect(await dead.executor.repair()).toBe('unhedged');
    expect(dead.alerts[0]).toContain('Close the unhedged position by hand');
    expect(dead.alerts[0]).toContain('leg B short 1 BTC/USDT on paper-b');
  });
});
