import { describe, expect, it } from 'vitest';
import { locksHarness, MIN } from './testing/locks-harness.ts';

const guardOfOne = { enabled: true, tradeLimit: 1, lookbackMinutes: 60, lockMinutes: 30, perSymbol: false };

describe('locks across restarts and crashes', () => {
  it('a lock outlives a restart: the engine started again refuses entries until its end', async () => {
    const first = await locksHarness();
    await first.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await first.roundTrip('SOL/USDT', 95);
    await first.close();
    const again = await locksHarness(first.file);
    again.clock.advance(29 * MIN);
    expect((await again.enter('BTC/USDT')).rejectReason).toBe('Every symbol on account paper locked until 12:30 UTC: 1 stop-loss within 60 min (stop-loss guard)');
    expect(await again.locks.list('paper')).toMatchObject([{ active: true }]);
    expect(again.notified).toEqual([]);
  });

  it('a stop-out committed just before a crash (its update never handled) locks at the next start, notified once', async () => {
    const crashed = await locksHarness(undefined, { watchOrders: false });
    await crashed.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await crashed.roundTrip('SOL/USDT', 95);
    expect(await crashed.locks.list()).toEqual([]);
    await crashed.close();
    const again = await locksHarness(crashed.file);
    await again.locks.restore();
    await again.locks.restore();
    expect(await again.locks.list()).toMatchObject([{ rule: 'stop_loss_guard', symbol: null, active: true }]);
    expect(again.notified).toHaveLength(1);
  });

  it('an entry placed before the close was looked at is still refused: its own transaction evaluates the locks', async () => {
    const h = await locksHarness(undefined, { watchOrders: false });
    await h.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await h.roundTrip('SOL/USDT', 95);
    expect((await h.enter('SOL/USDT')).status).toBe('REJECTED');
    expect(h.notified).toHaveLength(1);
  });

  it('twenty entries racing the close that locks: none written after it goes, one lock is stored and notified once', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await h.enter('SOL/USDT');
    const close = h.exit('SOL/USDT', 95);
    const entries = await Promise.all(Array.from({ length: 20 }, () => h.enter('BTC/USDT')));
    await close;
    await h.locks.settled();
    // Entries written before the close committed may fill; every one written after it is refused.
    expect(await h.db.selectFrom('trades').select('symbol').execute()).toEqual([{ symbol: 'SOL/USDT' }]);
    expect((await h.enter('BTC/USDT')).status).toBe('REJECTED');
    expect(entries.every((o) => o.status === 'FILLED' || o.rejectReason?.startsWith('Every symbol on account paper locked until'))).toBe(true);
    expect(await h.locks.list()).toHaveLength(1);
    expect(h.notified).toHaveLength(1);
  });

  it('a close stamped by a venue whose clock runs 2 s ahead of ours locks at once, not 2 s later', async () => {
    const h = await locksHarness(undefined, { venueAheadMs: 2000 });
    await h.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await h.roundTrip('SOL/USDT', 95);
    expect((await h.enter('SOL/USDT')).rejectReason).toBe('Every symbol on account paper locked until 12:30:02 UTC: 1 stop-loss within 60 min (stop-loss guard)');
    expect(await h.locks.list()).toMatchObject([{ active: true }]);
  });

  it('a lock that would already have ended is not stored at start', async () => {
    const crashed = await locksHarness(undefined, { watchOrders: false });
    await crashed.configure((c) => ({ ...c, stopLossGuard: guardOfOne }));
    await crashed.roundTrip('SOL/USDT', 95);
    await crashed.close();
    const again = await locksHarness(crashed.file);
    again.clock.advance(30 * MIN);
    await again.locks.restore();
    expect(await again.locks.list()).toEqual([]);
    expect(again.notified).toEqual([]);
  });
});
