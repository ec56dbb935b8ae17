import { createRouterClient } from '@orpc/server';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import type { Database } from '../persistence/database.ts';
import { silentLogger } from '../ports/logger.ts';
import { until } from '../testing/full-disk.ts';
import { simulatedOf } from '../testing/simulated-of.ts';
import { tempDir } from '../testing/temp-dir.ts';

async function open(dataDir: string) {
  const engine = await createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 }, emergencyPacing: { firstMs: 5, maxMs: 20 }, market: { historyBars: 200 } });
  return { engine, client: createRouterClient(engine.router, { context: { engine: engine.services } }) };
}
type Opened = Awaited<ReturnType<typeof open>>;

/** A running TradingView bot and a way to post it buy alerts over real HTTP. */
async function alertBot({ engine, client }: Opened, orderQty = 0.1) {
  const bot = await client.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 100 }, orderQty, account: 'paper' });
  await client.bots.start({ id: bot.id });
  const rotated = await engine.services.webhooks.rotatePassphrase(bot.id);
  if (!rotated.ok) throw new Error(rotated.error.message);
  const url = engine.services.webhooks.status().url ?? '';
  const post = (id: string) => fetch(url, { method: 'POST', body: JSON.stringify({ passphrase: rotated.value.passphrase, bot: bot.id, action: 'buy', id }) }).then((res) => res.status);
  return { botId: bot.id, post };
}

const orderRows = (db: Kysely<Database>) => db.selectFrom('orders').select(['clientOrderId', 'botId', 'status', 'rejectReason', 'side']).execute();
const noPendingAlerts = async (db: Kysely<Database>) => (await db.selectFrom('alerts').select('id').where('status', '=', 'pending').execute()).length === 0;
const STOP_REASON = expect.stringContaining('Emergency stop');

describe('emergency stop in the running engine', () => {
  it('block: bots, alerts and direct orders are refused, a reduce-only close still goes', async () => {
    const opened = await open(tempDir());
    const { engine, client } = opened;
    const { db } = engine.services;
    const alerts = await alertBot(opened, 1);
    expect(await alerts.post('before')).toBe(200);
    await until(() => noPendingAlerts(db), 'the alert to be acted on');
    const held = engine.services.orders.position(alerts.botId, 'SOL/USDT').netQty;
    expect(held).toBe(1);
    const trend = await client.bots.create({ name: 'Trend', symbol: 'ETH/USDT', timeframe: '1m', strategy: { kind: 'ma_crossover', fast: 2, slow: 3 }, orderQty: 0.05, account: 'paper' });
    await client.bots.start({ id: trend.id });

    expect(await client.risk.emergencyStop({ level: 'block', source: 'button' })).toMatchObject({ level: 'block', by: 'button', progress: { done: true } });
    const before = new Set((await orderRows(db)).map((o) => o.clientOrderId));

    expect(await alerts.post('after')).toBe(409);
    const refused = await db.selectFrom('webhookLog').select(['outcome', 'reason']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(refused).toEqual({ outcome: 'refused', reason: STOP_REASON });
    await simulatedOf(engine.services).advance(2_000); // the trend bot crosses and tries to trade
    const direct = await engine.services.orders.place({ botId: trend.id, symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.05 });
    expect(direct).toMatchObject({ status: 'REJECTED', rejectReason: STOP_REASON });

    const after = (await orderRows(db)).filter((o) => !before.has(o.clientOrderId));
    expect(after.filter((o) => o.botId === trend.id).length).toBeGreaterThan(1); // the bot did try
    expect(after.filter((o) => o.status !== 'REJECTED' || !String(o.rejectReason).includes('Emergency stop'))).toEqual([]);

    const closed = await client.bots.closePosition({ id: alerts.botId, stopFirst: true });
    expect(closed.map((o) => o.status)).toEqual(['FILLED']);
    expect(engine.services.orders.position(alerts.botId, 'SOL/USDT').netQty).toBe(0);
    await engine.stop();
  });

  it('alerts in flight: no order is placed after the block, however many were being acted on', async () => {
    const opened = await open(tempDir());
    const { engine, client } = opened;
    const { db } = engine.services;
    const alerts = await alertBot(opened, 0.1);
    let answered = 0;
    const posts = Array.from({ length: 60 }, (_, i) => alerts.post(`burst-${i}`).then((status) => ((answered += 1), status)));
    await until(() => answered >= 10, 'the first alerts to be answered');
    await client.risk.emergencyStop({ level: 'block', source: 'shortcut' });
    const before = new Set((await orderRows(db)).map((o) => o.clientOrderId));
    const statuses = await Promise.all(posts);
    await until(() => noPendingAlerts(db), 'every accepted alert to be acted on');
    await engine.services.orders.settled();

    const after = (await orderRows(db)).filter((o) => !before.has(o.clientOrderId));
    const refusedAtIntake = statuses.filter((s) => s === 409).length;
    // Stopped somewhere in the burst: some alerts met the stop (at the intake or at the order path).
    expect(refusedAtIntake + after.length).toBeGreaterThan(0);
    expect(after.filter((o) => o.status !== 'REJECTED' || !String(o.rejectReason).includes('Emergency stop'))).toEqual([]);
    await engine.stop();
  });

  it('persists across a restart: still blocked, the flatten resumed, and lifted only by the trader', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const alerts = await alertBot(first, 1);
    expect(await alerts.post('entry')).toBe(200);
    await until(() => noPendingAlerts(first.engine.services.db), 'the alert to be acted on');
    const stopped = await first.client.risk.emergencyStop({ level: 'block', source: 'menu' });
    await first.engine.stop();

    const second = await open(dataDir);
    expect(await second.client.risk.status()).toMatchObject({ level: 'block', since: stopped.since, by: 'menu' });
    expect(second.engine.services.orders.position(alerts.botId, 'SOL/USDT').netQty).toBe(1);
    const entry = await second.engine.services.orders.place({ botId: alerts.botId, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 1 });
    expect(entry).toMatchObject({ status: 'REJECTED', rejectReason: STOP_REASON });
    // Raised to flatten, then the engine stops before it can be lifted: the next start finishes it.
    await second.client.risk.emergencyStop({ level: 'flatten', source: 'api' });
    await until(async () => (await second.client.risk.status()).progress.done, 'the flatten to finish');
    await second.engine.stop();

    const third = await open(dataDir);
    expect(await third.client.risk.status()).toMatchObject({ level: 'flatten', since: stopped.since });
    expect(third.engine.services.orders.position(alerts.botId, 'SOL/USDT').netQty).toBe(0);
    await until(async () => (await third.client.risk.status()).progress.done, 'the resumed sweep to find nothing left');
    expect(await third.client.risk.liftEmergencyStop({ source: 'button' })).toMatchObject({ level: null });
    await third.engine.stop();

    const fourth = await open(dataDir);
    expect((await fourth.client.risk.status()).level).toBeNull();
    const audit = await fourth.engine.services.db.selectFrom('auditLog').select('action').where('entity', '=', 'emergency_stop').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['emergency_stop.engaged', 'emergency_stop.resumed', 'emergency_stop.done', 'emergency_stop.lifted']));
    await fourth.engine.stop();
  });
});
