import { describe, expect, it } from 'vitest';
import { locksHarness, MIN } from './testing/locks-harness.ts';

describe('cooldown per symbol', () => {
  it('refuses an entry in the symbol until the cooldown ends, to the millisecond; other symbols enter', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, cooldown: { enabled: true, lockMinutes: 10 } }));
    await h.roundTrip('SOL/USDT', 105, 'strategy');
    expect((await h.enter('SOL/USDT')).rejectReason).toBe('SOL/USDT on account paper locked until 12:10 UTC: 10 min cooldown after the position closed at 12:00 UTC (cooldown)');
    expect(await h.enter('BTC/USDT')).toMatchObject({ status: 'FILLED' });
    h.clock.advance(10 * MIN - 1);
    expect((await h.enter('SOL/USDT')).status).toBe('REJECTED');
    h.clock.advance(1);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    expect(h.notified.map((n) => n.title)).toEqual(['SOL/USDT on account paper locked until 12:10 UTC']);
  });

  it('never blocks a close: a reduce-only exit goes while every symbol of the account is locked', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: { enabled: true, tradeLimit: 1, lookbackMinutes: 60, lockMinutes: 60, perSymbol: false } }));
    await h.enter('BTC/USDT');
    await h.roundTrip('SOL/USDT', 90);
    expect((await h.enter('BTC/USDT')).status).toBe('REJECTED');
    expect(await h.exit('BTC/USDT', 99, 'manual')).toMatchObject({ status: 'FILLED' });
  });
});

describe('low-profit symbol lock', () => {
  const lowProfit = { enabled: true, tradeLimit: 2, lookbackMinutes: 60, lockMinutes: 60, requiredProfit: 0.02 };

  it('locks a symbol whose trades in the window made less than required, only once enough trades closed', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, lowProfit }));
    await h.roundTrip('SOL/USDT', 101, 'strategy');
    h.clock.advance(MIN);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    await h.exit('SOL/USDT', 101, 'strategy');
    expect((await h.enter('SOL/USDT')).rejectReason).toBe('SOL/USDT on account paper locked until 13:01 UTC: 2 trades within 60 min made 1 % (2 net), under the required 2 % (low-profit lock)');
    expect(await h.enter('BTC/USDT')).toMatchObject({ status: 'FILLED' });
  });

  it('lets a symbol that made at least the required profit trade on', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, lowProfit }));
    await h.roundTrip('SOL/USDT', 102, 'strategy');
    h.clock.advance(MIN);
    await h.roundTrip('SOL/USDT', 102, 'strategy');
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
  });

  it('does not count a trade closed exactly one window before the last', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, lowProfit }));
    await h.roundTrip('SOL/USDT', 90, 'strategy');
    h.clock.advance(60 * MIN);
    await h.roundTrip('SOL/USDT', 90, 'strategy');
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
  });
});
