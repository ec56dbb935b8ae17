import { describe, expect, it } from 'vitest';
import { locksHarness, MIN } from './testing/locks-harness.ts';

const guard = (tradeLimit: number, perSymbol = false) =>
  ({ enabled: true, tradeLimit, lookbackMinutes: 60, lockMinutes: 30, perSymbol });

describe('stop-loss guard', () => {
  it('lets entries go after N-1 stop-outs and locks every symbol at the Nth, with the reason and the end time, notified once', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guard(3) }));
    await h.roundTrip('SOL/USDT', 95);
    h.clock.advance(5 * MIN);
    await h.roundTrip('BTC/USDT', 95);
    h.clock.advance(5 * MIN);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    await h.exit('SOL/USDT', 90);
    const refused = await h.enter('BTC/USDT');
    // Third stop-out at 12:10 UTC: locked for 30 min, until 12:40.
    expect(refused).toMatchObject({ status: 'REJECTED', rejectReason: 'Every symbol on account paper locked until 12:40 UTC: 3 stop-losses within 60 min (stop-loss guard)' });
    expect(h.notified).toEqual([{ title: 'Every symbol on account paper locked until 12:40 UTC', body: refused.rejectReason }]);
    expect(await h.locks.list()).toMatchObject([{ accountId: 'paper', symbol: null, rule: 'stop_loss_guard', active: true, until: h.clock.now() + 30 * MIN }]);
  });

  it('holds until the last millisecond before its end and lets the entry go at the end', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guard(1) }));
    await h.roundTrip('SOL/USDT', 95);
    h.clock.advance(30 * MIN - 1);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'REJECTED' });
    h.clock.advance(1);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    expect(h.notified).toHaveLength(1);
  });

  it('counts a stop-out closed 1 ms inside the window and not one closed exactly at its start', async () => {
    for (const [gap, locked] of [[60 * MIN - 1, true], [60 * MIN, false]] as const) {
      const h = await locksHarness();
      await h.configure((c) => ({ ...c, stopLossGuard: guard(2) }));
      await h.roundTrip('SOL/USDT', 95);
      h.clock.advance(gap);
      await h.roundTrip('SOL/USDT', 95);
      expect((await h.enter('SOL/USDT')).status).toBe(locked ? 'REJECTED' : 'FILLED');
    }
  });

  it('counts only protective closes at a loss: a take-profit, a strategy exit at a loss and a break-even stop do not count', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guard(1) }));
    await h.roundTrip('SOL/USDT', 105);
    h.clock.advance(1);
    await h.roundTrip('SOL/USDT', 95, 'strategy');
    h.clock.advance(1);
    await h.roundTrip('SOL/USDT', 100);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    expect(await h.locks.list()).toEqual([]);
  });

  it('per symbol: locks only the stopped-out symbol, counting its own stop-outs', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guard(2, true) }));
    await h.roundTrip('SOL/USDT', 95);
    await h.roundTrip('BTC/USDT', 95);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    await h.exit('SOL/USDT', 94);
    expect((await h.enter('SOL/USDT')).rejectReason).toBe('SOL/USDT on account paper locked until 12:30 UTC: 2 stop-losses within 60 min (stop-loss guard)');
    expect(await h.enter('BTC/USDT')).toMatchObject({ status: 'FILLED' });
  });

  it('a lifted lock stays lifted: the stop-outs behind it do not lock again, fresh ones do', async () => {
    const h = await locksHarness();
    await h.configure((c) => ({ ...c, stopLossGuard: guard(2) }));
    await h.roundTrip('SOL/USDT', 95);
    await h.roundTrip('SOL/USDT', 95);
    const [lock] = await h.locks.list();
    const lifted = await h.locks.lift(lock?.id ?? -1);
    expect(lifted).toMatchObject({ ok: true, value: { active: false, liftedBy: 'trader', liftedAt: h.clock.now() } });
    expect(await h.locks.lift(lock?.id ?? -1)).toEqual(lifted);
    expect(await h.db.selectFrom('auditLog').select('entityId').where('action', '=', 'risk.lock_lifted').execute()).toEqual([{ entityId: String(lock?.id) }]);
    h.clock.advance(MIN);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    await h.exit('SOL/USDT', 95);
    expect(await h.enter('SOL/USDT')).toMatchObject({ status: 'FILLED' });
    await h.exit('SOL/USDT', 95);
    expect((await h.enter('SOL/USDT')).status).toBe('REJECTED');
    expect(h.notified).toHaveLength(2);
    expect(await h.locks.lift(999)).toMatchObject({ ok: false });
  });
});
