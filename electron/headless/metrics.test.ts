import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../engine/health/testing/parse-exposition.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { startTestHost, TEST_TOKEN } from './testing/test-host.ts';
import { simulatedOf } from '../engine/testing/simulated-of.ts';
import { LIMITS_OFF } from '../engine/risk/governor/governor.ts';

const SOL = 'SOL/USDT';

describe('GET /metrics and GET /health on the headless host', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
  });
  afterAll(() => host.close());

  const scrape = async () => {
    const res = await fetch(`${host.base}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(await res.text());
  };

  it('refuses /metrics without the bearer token, with a wrong one, or with the token anywhere else', async () => {
    const refusals: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${TEST_TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`prometheus:${TEST_TOKEN}`).toString('base64')}` },
      { authorization: TEST_TOKEN },
    ];
    for (const headers of refusals) {
      const res = await fetch(`${host.base}/metrics`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(await res.text()).not.toContain('stoxrobot_');
    }
    expect((await fetch(`${host.base}/metrics?token=${TEST_TOKEN}`)).status).toBe(401);
  });

  it('answers /health without the token with its status only: no version, account, error or metric', async () => {
    const res = await fetch(`${host.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"status":"ok"}');
  });

  it('counts the orders, fills and refusals that happened', async () => {
    const bot = await host.client.bots.create({ name: 'metrics', symbol: SOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.1, account: 'paper' });
    const last = host.engine.services.lastPrice(SOL) ?? 0;
    const place = (qty: number, price?: number) => host.engine.services.orders.place({ botId: bot.id, symbol: SOL, side: 'BUY', type: price ? 'LIMIT' : 'MARKET', qty, ...(price ? { price } : {}) });
    const placed = [await place(0.1), await place(0.2), await place(0.3), await place(0.1, Math.round(last * 50) / 100), await place(0.000001)];
    expect(placed.map((o) => o.status)).toEqual(['FILLED', 'FILLED', 'FILLED', 'ACCEPTED', 'REJECTED']);
    await host.engine.services.orders.cancel(placed[3]?.clientOrderId ?? '');

    const metrics = await scrape();
    expect(metrics.get('stoxrobot_orders_total')?.type).toBe('counter');
    const orders = (status: string) => sampleValue(metrics, 'stoxrobot_orders_total', { status });
    expect([orders('FILLED'), orders('ACCEPTED'), orders('PENDING_CANCEL'), orders('CANCELED'), orders('REJECTED')]).toEqual([3, 1, 1, 1, 1]);
    expect(sampleValue(metrics, 'stoxrobot_fills_total', { side: 'BUY' })).toBe(3);
    expect(sampleValue(metrics, 'stoxrobot_risk_refusals_total', { account: 'paper' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_orders_by_type_total', { type: 'MARKET', status: 'FILLED' })).toBe(3);
    expect(sampleValue(metrics, 'stoxrobot_orders_by_type_total', { type: 'LIMIT', status: 'CANCELED' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_venue_connected', { account: 'paper' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_reconciliation_state', { account: 'paper', state: 'ready' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_reconciliation_state', { account: 'paper', state: 'failed' })).toBe(0);
    expect(sampleValue(metrics, 'stoxrobot_webhook_listener_up')).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_storage_writable')).toBe(1);
  });

  it('counts stop orders by type, and refused entries by the rule that refused them', async () => {
    const { client, engine } = host;
    const bot = await client.bots.create({ name: 'rules', symbol: SOL, timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 0.1, account: 'paper' });
    const last = engine.services.lastPrice(SOL) ?? 0;
    const stop = await client.orders.place({ botId: bot.id, side: 'BUY', type: 'STOP', qty: 0.1, triggerPrice: Math.round(last * 150) / 100 });
    await client.risk.emergencyStop({ level: 'block', source: 'api' });
    expect((await client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).status).toBe('REJECTED');
    await client.risk.liftEmergencyStop({ source: 'api' });
    await simulatedOf(engine.services).advance(1); // a fresh price, so the limits can be checked
    await client.risk.setLimits({ accountId: 'paper', limits: { ...LIMITS_OFF, maxSymbolExposure: 1 } });
    for (let i = 0; i < 2; i += 1) expect((await client.orders.place({ botId: bot.id, side: 'BUY', type: 'MARKET', qty: 0.1 })).rejectReason).toContain('Max exposure per symbol');
    await client.risk.setLimits({ accountId: 'paper', limits: LIMITS_OFF });

    const metrics = await scrape();
    expect(sampleValue(metrics, 'stoxrobot_orders_by_type_total', { type: 'STOP', status: stop.status })).toBe(1);
    expect(metrics.get('stoxrobot_risk_refusals_by_rule_total')?.type).toBe('counter');
    expect(sampleValue(metrics, 'stoxrobot_risk_refusals_by_rule_total', { rule: 'emergency stop' })).toBe(1);
    expect(sampleValue(metrics, 'stoxrobot_risk_refusals_by_rule_total', { rule: 'account risk limits' })).toBe(2);
    expect(sampleValue(metrics, 'stoxrobot_risk_refusals_by_rule_total', { rule: 'bot sizing' })).toBeUndefined();
    await client.orders.cancel({ clientOrderId: stop.clientOrderId });
  });

  it('counts webhook requests by outcome with their latencies', async () => {
    const before = await scrape();
    const count = (families: typeof before, outcome: string) => sampleValue(families, 'stoxrobot_webhook_requests_total', { outcome }) ?? 0;
    const url = host.engine.services.webhooks.status().url ?? '';
    const posts = 5;
    for (let i = 0; i < posts; i += 1) {
      const res = await fetch(url, { method: 'POST', body: JSON.stringify({ passphrase: `guess-${i}`, bot: 'nobody', action: 'buy' }) });
      expect(res.status).toBe(401);
    }
    expect((await fetch(url)).status).toBe(405);

    const after = await scrape();
    expect(count(after, 'unauthorized') - count(before, 'unauthorized')).toBe(posts);
    expect(count(after, 'invalid') - count(before, 'invalid')).toBe(1);
    const observed = (families: typeof before) => sampleValue(families, 'stoxrobot_webhook_request_duration_seconds_count') ?? 0;
    expect(observed(after) - observed(before)).toBe(posts + 1);
    expect(sampleValue(after, 'stoxrobot_webhook_request_duration_seconds_bucket', { le: '+Inf' })).toBe(observed(after));
  });

  it('gives the feed lag from the last closed bar, in market time', async () => {
    const now = host.engine.services.market.clock.now();
    const px = host.engine.services.lastPrice(SOL) ?? 1;
    const barTs = Math.floor(now / 60_000) * 60_000 - 3 * 60_000;
    await host.engine.feed({ symbol: SOL, timeframe: '1m', closed: true, candle: { ts: barTs, open: px, high: px, low: px, close: px, volume: 1 } });
    const lag = sampleValue(await scrape(), 'stoxrobot_feed_lag_seconds', { symbol: SOL });
    expect(lag).toBe((host.engine.services.market.clock.now() - (barTs + 60_000)) / 1000);
    expect(lag).toBeGreaterThanOrEqual(120);
  });
});
