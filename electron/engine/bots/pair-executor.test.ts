import { describe, expect, it } from 'vitest';
import { listOrders } from '../persistence/orders.repository.ts';
import { BUY_A_SELL_B, CLOSE_BOTH, pairDesk } from './testing/pair-desk.ts';

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
