import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, TEST_TOKEN } from '../../../headless/testing/test-host.ts';
import { until } from '../../testing/full-disk.ts';
import { simulatedOf } from '../../testing/simulated-of.ts';
import { tempDir } from '../../testing/temp-dir.ts';

describe('the governor over the API, in the running engine', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
    await simulatedOf(host.engine.services).advance(5); // prices arrive; an equity point is recorded
  });
  afterAll(() => host.close());

  const put = (accountId: string, body: unknown) =>
    fetch(`${host.base}/api/risk/limits/${accountId}`, { method: 'PUT', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses bad limits with a message per field, and an unknown account', async () => {
    const res = await put('paper', { limits: { timeZone: 'Mars/Olympus', dailyResetTime: '24:00', maxDrawdownPct: 0, dailyLossLimit: -5, maxOpenPositions: 1.5 } });
    expect(res.status).toBe(400);
    const text = JSON.stringify(await res.json());
    for (const words of ['Unknown time zone', 'Daily reset time is HH:MM', 'Max drawdown must be above 0 %', 'Daily loss limit cannot be negative', 'Max open positions must be a whole number']) expect(text).toContain(words);
    expect((await put('paper', { limits: { maxTotalExposure: 'NaN' } })).status).toBe(400);
    expect((await put('paper', { limits: { surprise: 1 } })).status).toBe(400);
    await expect(host.client.risk.setLimits({ accountId: 'nobody', limits: {} as never })).rejects.toMatchObject({ status: 404 });
  });

  it('stores limits, refuses a manual entry over them with the reason, reports figures, and notifies a lock once', async () => {
    const { client, engine } = host;
    expect((await client.risk.limits()).map((l) => [l.accountId, l.updatedAt])).toEqual([['paper', null]]);
    const stored = await client.risk.setLimits({ accountId: 'paper', limits: { maxOpenPositions: 1, maxDrawdownPct: null, dailyLossLimit: null, maxSymbolExposure: null, maxTotalExposure: null, dailyResetTime: '00:00', timeZone: 'UTC', maxPriceAgeSeconds: 120 } });
    expect(stored.limits.maxOpenPositions).toBe(1);
    const a = await client.bots.create({ name: 'A', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.1, account: 'paper' });
    const b = await client.bots.create({ name: 'B', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.1, account: 'paper' });
    expect((await client.orders.place({ botId: a.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('FILLED');
    const refused = await client.orders.place({ botId: b.id, side: 'BUY', type: 'MARKET', qty: 0.1 });
    expect(refused).toMatchObject({ status: 'REJECTED', source: 'manual', rejectReason: 'Max open positions 1 reached: the account already has 1 (positions held or orders that may still fill), so BUY 0.1 SOL/USDT would open one more' });

    const [paper] = await client.risk.governor();
    expect(paper).toMatchObject({ accountId: 'paper', currency: 'USDT', openPositions: 1, locks: [], problem: null });
    expect(paper?.totalExposure).toBeGreaterThan(0);

    // A drawdown limit below the fall the account has already had locks entries at once: told once, lifted by hand.
    const equity = (await engine.services.accounts.equity('paper')) ?? 0;
    await engine.services.db.insertInto('accountEquity').values({ accountId: 'paper', ts: 1, epoch: 1, equity: equity * 2 }).execute();
    await client.risk.setLimits({ accountId: 'paper', limits: { ...stored.limits, maxOpenPositions: null, maxDrawdownPct: 20 } });
    const [locked] = await client.risk.governor();
    expect(locked?.locks).toEqual([expect.objectContaining({ kind: 'drawdown', until: null, liftable: true, reason: expect.stringContaining('Max drawdown 20 % exceeded') })]);
    expect((await client.orders.place({ botId: b.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).rejectReason).toContain('Max drawdown 20 % exceeded');
    await client.risk.governor();
    await until(async () => (await client.notifications.list()).items.some((n) => n.kind === 'risk_lock'), 'the risk lock notification');
    expect((await client.notifications.list()).items.filter((n) => n.kind === 'risk_lock')).toHaveLength(1);
    expect((await client.risk.liftDrawdownLock({ accountId: 'paper' })).locks).toEqual([]);
    expect((await client.orders.place({ botId: b.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('FILLED');
  });
});
