import { describe, expect, it } from 'vitest';
import { BOT, exitsHarness, noExits } from './testing/exits-harness.ts';

const pct = (value: number) => ({ unit: 'percent' as const, value });

describe('a bot’s stop-loss, held by the engine on every tick', () => {
  it('fires at its price and not a tick before: a 2 % stop under a long entered at 100', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2) });
    await h.enter('BUY', 1);
    expect(h.guard()).toMatchObject({ stopLoss: 98, takeProfit: null });
    await h.tick(98.01);
    expect([h.held(), await h.closes()]).toEqual([1, []]);
    await h.tick(98);
    expect([h.held(), await h.closes(), h.guard()]).toEqual([0, [{ side: 'SELL', qty: 1, status: 'FILLED' }], undefined]);
  });

  it('sits above a short’s entry and closes it when the price rises to it', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2) });
    await h.enter('SELL', 2);
    expect(h.guard()?.stopLoss).toBe(102);
    await h.tick(101.99);
    expect(h.held()).toBe(-2);
    await h.tick(102);
    expect([h.held(), await h.closes()]).toEqual([0, [{ side: 'BUY', qty: 2, status: 'FILLED' }]]);
  });

  it('closes once, at the price it gapped to, when the price jumps through the stop', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2) });
    await h.enter('BUY', 1);
    await h.tick(80);
    await h.tick(79);
    const trades = await h.db.selectFrom('fills').select(['side', 'lastPx']).where('side', '=', 'SELL').execute();
    expect([h.held(), (await h.closes()).length, trades]).toEqual([0, 1, [{ side: 'SELL', lastPx: 80 }]]);
  });

  it('is an ATR multiple from the entry, and is said to be missing while the ATR warms up', async () => {
    const withAtr = await exitsHarness({ ...noExits, stopLoss: { unit: 'atr', value: 1.5 } }, { atr: 2 });
    await withAtr.enter('BUY', 1);
    expect(withAtr.guard()?.stopLoss).toBe(97);
    const warming = await exitsHarness({ ...noExits, stopLoss: { unit: 'atr', value: 1.5 } }, { atr: null });
    await warming.enter('BUY', 1);
    expect(warming.guard()).toMatchObject({ stopLoss: null, exits: { note: 'No ATR yet (it needs 15 closed bars with a range): the stop-loss is not set' } });
  });

  it('gives way to a stop-loss price the alert or strategy gave, and R multiples measure from that one', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2), takeProfits: [{ at: { unit: 'r', value: 2 }, percent: 100 }] });
    await h.orders.place({ botId: BOT, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1, clientOrderId: 'sr-entry' });
    await h.protections.protectEntry({ botId: BOT, symbol: 'SOL/USDT', direction: 1, stopLoss: { price: 95 }, takeProfit: null }, ['sr-entry']);
    await h.protections.settled();
    expect(h.guard()).toMatchObject({ stopLoss: 95, exits: { takeProfits: [{ price: 110, percent: 100, filled: false }] } });
  });
});

describe('take-profit levels close their share of the position', () => {
  it('closes half at each of two levels, at and across each boundary, then drops the levels', async () => {
    const h = await exitsHarness({ ...noExits, takeProfits: [{ at: pct(2), percent: 50 }, { at: pct(4), percent: 50 }] });
    await h.enter('BUY', 1);
    await h.tick(101.99);
    expect(h.held()).toBe(1);
    await h.tick(102);
    expect([h.held(), h.guard()?.exits?.takeProfits.map((t) => t.filled)]).toEqual([0.5, [true, false]]);
    await h.tick(103.99);
    await h.tick(102);
    expect(h.held()).toBe(0.5);
    await h.tick(104.5);
    expect([h.held(), h.guard(), (await h.closes()).map((c) => c.qty).sort()]).toEqual([0, undefined, [0.5, 0.5]]);
  });

  it('moves the stop to the entry after the first take-profit, and the rest closes there at no loss', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2), takeProfits: [{ at: { unit: 'r', value: 1 }, percent: 40 }], breakEven: { after: 'tp1', percent: null } });
    await h.enter('BUY', 1);
    expect(h.guard()).toMatchObject({ stopLoss: 98, exits: { takeProfits: [{ price: 102 }], breakEven: { price: 100, moved: false } } });
    await h.tick(102);
    expect([h.held(), h.guard()]).toMatchObject([0.6, { stopLoss: 100, exits: { breakEven: { moved: true } } }]);
    await h.tick(100.01);
    expect(h.held()).toBe(0.6);
    await h.tick(100);
    const { realizedPnl } = h.orders.position(BOT, 'SOL/USDT');
    expect([h.held(), realizedPnl]).toEqual([0, 0.8]);
  });

  it('moves the stop beyond the entry by a round trip’s fees once the price is the given percent in profit', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(2), breakEven: { after: 'profit', percent: 1 } }, { feeRate: 0.001 });
    await h.enter('SELL', 1);
    await h.tick(99.01);
    expect(h.guard()?.stopLoss).toBe(102);
    await h.tick(99);
    expect(h.guard()?.stopLoss).toBe(99.8);
  });

  it('closes the whole remainder when its share would leave less than the venue’s minimum order', async () => {
    const h = await exitsHarness({ ...noExits, takeProfits: [{ at: pct(1), percent: 98 }] });
    await h.enter('BUY', 1);
    await h.tick(101);
    expect([h.held(), await h.closes()]).toEqual([0, [{ side: 'SELL', qty: 1, status: 'FILLED' }]]);
  });
});

describe('the trailing stop', () => {
  it('starts after the activation profit and ratchets only towards profit', async () => {
    const h = await exitsHarness({ ...noExits, trailing: { distance: pct(2), activateAfterPercent: 1 } });
    await h.enter('BUY', 1);
    await h.tick(100.99);
    expect(h.guard()).toMatchObject({ stopLoss: null, exits: { trailing: { active: false, mark: null } } });
    await h.tick(101);
    expect(h.guard()).toMatchObject({ stopLoss: 98.98, exits: { trailing: { active: true, mark: 101 } } });
    await h.tick(110);
    await h.tick(108);
    expect(h.guard()).toMatchObject({ stopLoss: 107.8, exits: { trailing: { mark: 110 } } });
    await h.tick(107.81);
    expect(h.held()).toBe(1);
    await h.tick(107.8);
    expect(h.held()).toBe(0);
  });

  it('trails a short by an ATR multiple above its lowest price', async () => {
    const h = await exitsHarness({ ...noExits, trailing: { distance: { unit: 'atr', value: 2 }, activateAfterPercent: null } }, { atr: 1.5 });
    await h.enter('SELL', 1);
    await h.tick(100);
    expect(h.guard()?.stopLoss).toBe(103);
    await h.tick(90);
    await h.tick(92);
    expect(h.guard()?.stopLoss).toBe(93);
    await h.tick(93);
    expect(h.held()).toBe(0);
  });
});

describe('exits belong to the position they were armed on', () => {
  it('are worked out again for the short a flip opens', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(5) });
    await h.enter('BUY', 1, 100);
    await h.enter('SELL', 2, 110);
    expect([h.held(), h.guard()?.stopLoss]).toEqual([-1, 115.5]);
  });

  it('survive a restart mid-position: the filled take-profit, the trailing mark and the stop it gave', async () => {
    const exits = { ...noExits, takeProfits: [{ at: pct(2), percent: 50 }, { at: pct(20), percent: 50 }], trailing: { distance: pct(5), activateAfterPercent: null } };
    const first = await exitsHarness(exits);
    await first.enter('BUY', 2);
    await first.tick(104);
    await first.tick(103);
    const before = first.guard();
    expect(before).toMatchObject({ stopLoss: 98.8, exits: { takeProfits: [{ filled: true }, { filled: false }], trailing: { mark: 104 } } });
    const again = await exitsHarness(exits, { db: first.db });
    expect(again.guard()).toEqual(before);
    await again.tick(98.8);
    expect([again.held(), (await again.closes()).map((c) => c.qty).sort()]).toEqual([0, [1, 1]]);
  });
});

describe('a take-profit close across a crash', () => {
  const ladder = { ...noExits, takeProfits: [{ at: pct(2), percent: 50 }, { at: pct(4), percent: 50 }] };

  it('named but never placed: fires again once after the restart, for its own share', async () => {
    const first = await exitsHarness(ladder);
    await first.enter('BUY', 1);
    const plan = JSON.stringify({ ...JSON.parse((await first.db.selectFrom('protections').select('exitPlanJson').executeTakeFirstOrThrow()).exitPlanJson ?? '{}'), closingTarget: 0 });
    await first.db.updateTable('protections').set({ closingOrderId: 'sr-never-placed', exitPlanJson: plan }).execute();
    const again = await exitsHarness(ladder, { db: first.db });
    await again.tick(102);
    await again.tick(102.5);
    expect([again.held(), await again.closes(), again.guard()?.exits?.takeProfits.map((t) => t.filled)]).toEqual([0.5, [{ side: 'SELL', qty: 0.5, status: 'FILLED' }], [true, false]]);
  });

  it('filled before the crash was recorded: marked filled at the restart, not sent again', async () => {
    const first = await exitsHarness(ladder);
    await first.enter('BUY', 1);
    await first.tick(102);
    const [close] = await first.db.selectFrom('orders').select('clientOrderId').where('source', '=', 'protection').execute();
    const stored = JSON.parse((await first.db.selectFrom('protections').select('exitPlanJson').executeTakeFirstOrThrow()).exitPlanJson ?? '{}');
    // As a crash leaves it: the close named, its fill stored, the take-profit not yet marked.
    stored.targets[0].filled = false;
    await first.db.updateTable('protections').set({ closingOrderId: close?.clientOrderId ?? '', exitPlanJson: JSON.stringify({ ...stored, closingTarget: 0 }) }).execute();
    const again = await exitsHarness(ladder, { db: first.db });
    await again.protections.settled();
    await again.tick(102.5);
    expect([again.held(), (await again.closes()).length, again.guard()?.exits?.takeProfits.map((t) => t.filled)]).toEqual([0.5, 1, [true, false]]);
  });

  it('a price that is no price does not move the trailing mark', async () => {
    const h = await exitsHarness({ ...noExits, trailing: { distance: pct(2), activateAfterPercent: null } });
    await h.enter('BUY', 1);
    await h.tick(100);
    for (const px of [Number.NaN, 0, Number.POSITIVE_INFINITY]) await h.tick(px);
    await h.tick(101);
    expect([h.held(), h.guard()?.exits?.trailing?.mark, h.guard()?.stopLoss]).toEqual([1, 101, 98.98]);
  });
});

describe('levels a short cannot reach', () => {
  it('are said on the position instead of being kept: a take-profit 100 % under a short’s entry', async () => {
    const h = await exitsHarness({ ...noExits, stopLoss: pct(5), takeProfits: [{ at: pct(50), percent: 50 }, { at: pct(100), percent: 50 }] });
    await h.enter('SELL', 1);
    expect(h.guard()).toMatchObject({ stopLoss: 105, exits: { takeProfits: [{ price: 50 }], note: 'From the entry at 100, the take-profit 2 is at or below a price of 0: not set' } });
  });
});
