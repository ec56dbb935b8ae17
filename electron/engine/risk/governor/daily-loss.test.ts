import { describe, expect, it } from 'vitest';
import { RiskLimitsSchema } from '../../../../shared/contract/risk-limits.ts';
import { governorHarness } from './testing/harness.ts';

const at = (iso: string) => Date.parse(iso);
const ethBuy = { botId: 'b2', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.1 } as const;

describe('daily loss limit: realised + unrealised + fees since the daily reset', () => {
  it('a loss of 499.90 USDT lets entries through; 500.00 locks them until the reset, told once, kept when the price recovers', async () => {
    const h = await governorHarness({ marketStart: at('2026-11-25T14:02:00Z') });
    await h.recordEquity(at('2026-11-25T00:00:00Z'), 10_000);
    await h.setLimits({ dailyLossLimit: 500 });
    expect((await h.buy('b1', 10)).status).toBe('FILLED'); // 1,000 USDT into 10 BTC at 100
    h.setPrice('BTC/USDT', 50.01); // unrealised -499.90
    expect((await h.orders.place(ethBuy)).status).toBe('FILLED');
    h.setPrice('BTC/USDT', 50);
    const refused = await h.orders.place(ethBuy);
    expect(refused.rejectReason).toBe('Daily loss limit 500.00 USDT reached at 14:02 (loss 500.00 USDT since 00:00 UTC); entries locked until 00:00 UTC');
    expect(h.locked).toEqual([{ title: 'Daily loss limit reached on paper', body: refused.rejectReason }]);
    h.setPrice('BTC/USDT', 100);
    expect((await h.orders.place(ethBuy)).rejectReason).toBe(refused.rejectReason);
    expect((await h.sell('b1', 10)).status).toBe('FILLED'); // closing is never locked
    expect(h.locked).toHaveLength(1);
    const [status] = await h.governor.status();
    expect(status?.locks).toEqual([{ kind: 'daily_loss', reason: refused.rejectReason, since: at('2026-11-25T14:02:00Z'), until: at('2026-11-26T00:00:00Z'), liftable: false }]);

    h.marketClock.advance(at('2026-11-26T00:00:00Z') - h.marketClock.now() - 1);
    expect((await h.orders.place(ethBuy)).status).toBe('REJECTED'); // 23:59:59.999
    h.marketClock.advance(1);
    await h.recordEquity(at('2026-11-26T00:00:00Z'), 9_999.99); // the recorder's first point of the new day
    expect((await h.orders.place(ethBuy)).status).toBe('FILLED');
  });

  it('survives a restart mid-day: a loss recorded before the crash locks entries even after the price recovered', async () => {
    const first = await governorHarness({ marketStart: at('2026-11-25T15:00:00Z') });
    await first.recordEquity(at('2026-11-25T00:00:00Z'), 10_000);
    await first.recordEquity(at('2026-11-25T14:02:00Z'), 9_487.6);
    await first.recordEquity(at('2026-11-25T14:03:00Z'), 10_000);
    await first.setLimits({ dailyLossLimit: 500 });
    await first.close();
    const again = await governorHarness({ dir: first.dir, marketStart: at('2026-11-25T15:00:00Z') });
    expect((await again.buy('b1', 0.1)).rejectReason).toBe('Daily loss limit 500.00 USDT reached at 14:02 (loss 512.40 USDT since 00:00 UTC); entries locked until 00:00 UTC');
  });

  it('Europe/Berlin on the spring-forward day: the day began at 23:00 UTC, the lock ends at 22:00 UTC', async () => {
    const h = await governorHarness({ marketStart: at('2026-03-29T12:00:00Z') });
    await h.recordEquity(at('2026-03-28T22:30:00Z'), 20_000); // yesterday, Berlin time: not the baseline
    await h.recordEquity(at('2026-03-28T23:00:00Z'), 10_000);
    await h.recordEquity(at('2026-03-29T09:15:00Z'), 9_400);
    await h.setLimits({ dailyLossLimit: 500, timeZone: 'Europe/Berlin' });
    expect((await h.buy('b1', 0.1)).rejectReason).toBe('Daily loss limit 500.00 USDT reached at 11:15 (loss 600.00 USDT since 00:00 Europe/Berlin); entries locked until 00:00 Europe/Berlin');
    const [status] = await h.governor.status();
    expect(status).toMatchObject({ dayStartedAt: at('2026-03-28T23:00:00Z'), nextResetAt: at('2026-03-29T22:00:00Z'), locks: [{ until: at('2026-03-29T22:00:00Z') }] });
  });

  it('Europe/Berlin on the fall-back day and New York at 17:00 across its own change: boundaries follow the wall clock', async () => {
    const berlin = await governorHarness({ marketStart: at('2026-10-25T12:00:00Z') });
    await berlin.setLimits({ dailyLossLimit: 500, timeZone: 'Europe/Berlin' });
    expect((await berlin.governor.status())[0]).toMatchObject({ dayStartedAt: at('2026-10-24T22:00:00Z'), nextResetAt: at('2026-10-25T23:00:00Z') });
    const york = await governorHarness({ marketStart: at('2026-11-01T12:00:00Z') });
    await york.setLimits({ dailyLossLimit: 500, dailyResetTime: '17:00', timeZone: 'America/New_York' });
    expect((await york.governor.status())[0]).toMatchObject({ dayStartedAt: at('2026-10-31T21:00:00Z'), nextResetAt: at('2026-11-01T22:00:00Z') });
  });

  it('fails closed before the first equity point: the loss cannot be counted yet', async () => {
    const h = await governorHarness();
    await h.setLimits({ dailyLossLimit: 500 });
    expect((await h.buy('b1', 0.1)).rejectReason).toContain('No equity has been recorded for this account yet');
  });

  it('raising the limit ends the day’s lock; the next entry is judged against the new limit', async () => {
    const h = await governorHarness({ marketStart: at('2026-11-25T15:00:00Z') });
    await h.recordEquity(at('2026-11-25T00:00:00Z'), 10_600);
    await h.setLimits({ dailyLossLimit: 500 });
    expect((await h.buy('b1', 0.1)).status).toBe('REJECTED');
    await h.setLimits({ dailyLossLimit: 700 });
    expect((await h.buy('b1', 0.1)).status).toBe('FILLED');
  });
});

describe('exchange accounts', () => {
  it('refuse a loss or drawdown limit, whose equity StoxRobot does not keep, rather than hold one that never triggers', async () => {
    const h = await governorHarness();
    await h.db.insertInto('accounts').values({ id: 'ex-1', kind: 'exchange', currency: 'USDT', epoch: 1, createdAt: 0 }).execute();
    const refused = await h.governor.setLimits('ex-1', RiskLimitsSchema.parse({ dailyLossLimit: 100, maxDrawdownPct: 5 }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: ['limits', 'dailyLossLimit'] }, { path: ['limits', 'maxDrawdownPct'] }] } });
    expect(await h.governor.setLimits('ex-1', RiskLimitsSchema.parse({ maxOpenPositions: 2 }))).toMatchObject({ ok: true });
  });
});
