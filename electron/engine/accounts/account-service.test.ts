import { describe, expect, it } from 'vitest';
import { equitySeries } from './equity.repository.ts';
import { accountFixture } from './testing/account-fixture.ts';

describe('resetting the paper account', () => {
  it('starts a new epoch from the configured balances and keeps the old history apart', async () => {
    const { db, accounts, marketClock, venue, place, paper, balance } = await accountFixture();
    await place('BUY', 2);
    marketClock.advance(1_000);
    venue.markPrice('BTC/USDT', 120);
    await place('SELL', 2);
    const before = await paper();
    expect(before.epoch).toBe(1);
    expect(await balance('USDT')).toMatchObject({ total: 10_039.56 }); // −200.2 + 240 − 0.24

    const configured = await accounts.configure('paper', [
      { currency: 'USDT', amount: 5_000 },
      { currency: 'BTC', amount: 0.5 },
      { currency: 'ETH', amount: 0 },
    ]);
    expect(configured).toMatchObject({ ok: true, value: { epoch: 1, startingBalances: [{ currency: 'BTC', amount: 0.5 }, { currency: 'USDT', amount: 5_000 }] } });
    expect(await balance('USDT')).toMatchObject({ total: 10_039.56 }); // applies at the next reset, not now

    marketClock.advance(60_000);
    const reset = await accounts.reset('paper');
    expect(reset).toMatchObject({ ok: true, value: { epoch: 2, epochStartedAt: marketClock.now(), equity: 5_000 + 0.5 * 120 } });
    expect(await balance('USDT')).toMatchObject({ total: 5_000, free: 5_000 });
    expect(await balance('BTC')).toMatchObject({ total: 0.5, free: 0.5 });

    // The old epoch's fills, balances and equity stay, each marked with epoch 1.
    const entries = await db.selectFrom('accountEntries').select(['epoch', 'baseDelta']).orderBy('id').execute();
    expect(entries).toEqual([
      { epoch: 1, baseDelta: 2 },
      { epoch: 1, baseDelta: -2 },
    ]);
    const oldBalances = await db.selectFrom('accountBalances').select(['currency', 'total']).where('epoch', '=', 1).orderBy('currency').execute();
    expect(oldBalances).toEqual([
      { currency: 'BTC', total: 0 },
      { currency: 'USDT', total: 10_039.56 },
    ]);
    const epochs = await db.selectFrom('accountEpochs').select(['epoch', 'startedAt', 'endedAt']).orderBy('epoch').execute();
    expect(epochs).toEqual([
      { epoch: 1, startedAt: 0, endedAt: marketClock.now() },
      { epoch: 2, startedAt: marketClock.now(), endedAt: null },
    ]);
    const series = await equitySeries(db, 'paper', 0, Number.MAX_SAFE_INTEGER);
    // One row after each fill (in market time), one at the reset.
    expect(series.map((p) => [p.epoch, p.equity])).toEqual([
      [1, 9_999.8],
      [1, 10_039.56],
      [2, 5_060],
    ]);
    expect(series.at(-1)).toEqual({ ts: marketClock.now(), equity: 5_060, epoch: 2 });

    // The bot sells the 0.5 BTC it was given: no short, no collateral needed.
    expect((await place('SELL', 0.5)).status).toBe('FILLED');
    expect(await balance('BTC')).toMatchObject({ total: 0 });
  });

  it('refuses a reset while a bot holds a position or an order is open, and says which', async () => {
    const { accounts, orders, place, paper } = await accountFixture();
    await place('BUY', 1);
    const resting = await place('BUY', 1, { type: 'LIMIT', price: 50, botId: 'b2' });
    expect(await accounts.reset('paper')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Cancel 1 open order (BUY 1 BTC/USDT of Bot b2) and close 1 position (long BTC/USDT held by Bot b1) before resetting the account' },
    });
    await orders.cancel(resting.clientOrderId);
    await place('SELL', 1);
    expect(await accounts.reset('paper')).toMatchObject({ ok: true, value: { epoch: 2 } });
    expect((await paper()).balances).toEqual([{ currency: 'USDT', total: 10_000, reserved: 0, free: 10_000 }]);
  });

  it('refuses starting balances in a currency the account cannot hold, or all zero', async () => {
    const { accounts } = await accountFixture();
    expect(await accounts.configure('paper', [{ currency: 'DOGE', amount: 5 }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'This account cannot hold DOGE; it holds USDT, BTC, ETH', issues: [{ path: ['startingBalances', 0, 'currency'] }] },
    });
    expect(await accounts.configure('paper', [{ currency: 'USDT', amount: 0 }])).toMatchObject({ ok: false, error: { message: 'Give at least one starting balance above zero' } });
    expect(await accounts.configure('nope', [{ currency: 'USDT', amount: 1 }])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await accounts.reset('nope')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
