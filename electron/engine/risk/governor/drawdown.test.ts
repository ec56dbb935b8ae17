import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { until } from '../../testing/full-disk.ts';
import { governorHarness } from './testing/harness.ts';

const T0 = Date.UTC(2026, 0, 5, 11, 0, 0); // an hour before the harness's market time
const minute = (n: number) => T0 + n * 60_000;

describe('max drawdown on equity, open positions at their mark', () => {
  it('a fall of exactly the limit keeps entries open; beyond it they lock until the trader lifts the lock, across a restart', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxDrawdownPct: 10 });
    await h.recordEquity(minute(0), 10_000);
    await h.recordEquity(minute(1), 11_000);
    await h.recordEquity(minute(2), 9_900); // exactly 10 % below the peak
    expect((await h.buy('b1', 0.1)).status).toBe('FILLED');
    await h.recordEquity(minute(3), 9_899);
    const refused = await h.buy('b1', 0.1);
    expect(refused.rejectReason).toBe(
      'Max drawdown 10 % exceeded at 11:03 UTC (equity 9,899.00 USDT, 10.009 % below its peak of 11,000.00 USDT); entries locked until the trader lifts the lock on the Risk page',
    );
    expect(h.locked).toEqual([{ title: 'Max drawdown exceeded on paper', body: refused.rejectReason }]);
    await h.close();

    const again = await governorHarness({ dir: h.dir });
    expect((await again.buy('b1', 0.1)).rejectReason).toBe(refused.rejectReason);
    const [status] = await again.governor.status();
    expect(status?.locks).toEqual([{ kind: 'drawdown', reason: refused.rejectReason, since: minute(3), until: null, liftable: true }]);
    const lifted = await again.governor.liftDrawdown('paper');
    expect(lifted.ok && lifted.value.locks).toEqual([]);
    expect((await again.buy('b1', 0.1)).status).toBe('FILLED'); // the peak is counted from the lift on
    expect(await again.governor.liftDrawdown('paper')).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'No drawdown lock is in force on paper' } });
    expect(again.locked).toEqual([]);
  });

  it('locks on the live mark of an open position, before any equity point records the fall', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxDrawdownPct: 5 });
    await h.recordEquity(minute(0), 10_000);
    expect((await h.buy('b1', 10)).status).toBe('FILLED');
    h.setPrice('BTC/USDT', 49.99); // 10 BTC lose 500.10 USDT: 5.001 % of 10,000
    const refused = await h.orders.place({ botId: 'b2', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(refused.rejectReason).toContain('Max drawdown 5 % exceeded at 12:00 UTC (equity 9,499.90 USDT, 5.001 % below its peak of 10,000.00 USDT)');
  });

  it('locks and tells the trader between entries: the governor looks at limited accounts on a timer', async () => {
    const h = await governorHarness();
    await h.setLimits({ maxDrawdownPct: 10 });
    await h.recordEquity(minute(0), 12_000); // live equity 10,000: 16.7 % below
    h.governor.watch(10);
    try {
      await until(async () => h.locked.length > 0, 'the watch to lock entries');
      expect(h.locked).toEqual([{ title: 'Max drawdown exceeded on paper', body: expect.stringContaining('Max drawdown 10 % exceeded at 12:00 UTC') }]);
    } finally {
      await h.governor.close();
    }
    expect(await h.db.selectFrom('orders').selectAll().execute()).toEqual([]);
  });

  it('property: the lock engages exactly when some point (the live mark last) falls more than the limit below the peak before it, however often it was looked at as the series grew', async () => {
    const h = await governorHarness();
    const LIVE = 10_000; // the paper account's balance: its live equity, with no position
    let epoch = 1;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.double({ min: 1e-7, max: 1e7, noNaN: true }), fc.boolean()), { maxLength: 30 }), fc.double({ min: 0.01, max: 100, noNaN: true }), async (points, pct) => {
        const series = points.map(([equity]) => equity);
        // Each case on a fresh start of the account (a reset): its own epoch, series and locks.
        await h.db.deleteFrom('riskGovernorLocks').execute();
        await h.newEpoch(++epoch);
        await h.setLimits({ maxDrawdownPct: pct });
        for (const [i, [equity, lookNow]] of points.entries()) {
          await h.recordEquity(minute(i), equity, epoch);
          if (lookNow) await h.governor.status(); // the series is folded as it grows, between entries
        }
        const [status] = await h.governor.status();
        let peak = Number.NEGATIVE_INFINITY;
        let exceeded = false;
        for (const equity of [...series, LIVE]) {
          peak = Math.max(peak, equity);
          if (peak > 0 && peak - equity > (pct / 100) * peak) exceeded = true;
        }
        expect(status?.locks.some((l) => l.kind === 'drawdown')).toBe(exceeded);
      }),
      { numRuns: 150 },
    );
  });
});
