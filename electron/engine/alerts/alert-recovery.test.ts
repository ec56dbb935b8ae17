import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../index.ts';
import { listOrders } from '../persistence/orders.repository.ts';
import { storePlan } from '../persistence/alert-legs.repository.ts';
import { insertAlertOnce, insertLogEntry } from '../persistence/webhooks.repository.ts';
import { silentLogger } from '../ports/logger.ts';
import { tempDir } from '../testing/temp-dir.ts';

const open = (dataDir: string) => createEngine({ dataDir, logger: silentLogger, startMarketTimer: false, webhook: { port: 0 } });

async function signalBot(engine: Awaited<ReturnType<typeof open>>) {
  const created = await engine.services.bots.create({ name: 'TV', symbol: 'SOL/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper' });
  if (!created.ok) throw new Error(created.error.message);
  await engine.services.bots.setStatus(created.value.id, 'running');
  return created.value.id;
}

const command = (botId: string) => JSON.stringify({ bot: botId, action: 'buy', symbol: null, amount: 1, amountType: 'base', orderType: 'market', price: null, stopLoss: null, takeProfit: null, id: 'x', time: null, comment: null });

describe('alerts accepted but not acted on before a stop', () => {
  it('are acted on once at the next start, and never again', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const botId = await signalBot(first);
    // The state a crash leaves between answering 200 and trading: the alert committed, nothing else.
    const alertId = await insertAlertOnce(first.services.db, { dedupeKey: 'k1', botId, receivedAt: Date.now(), commandJson: command(botId) });
    await insertLogEntry(first.services.db, { ts: Date.now(), source: '127.0.0.1', botId, statusCode: 200, outcome: 'accepted', reason: null, body: '{}', alertId });
    await first.stop();

    const second = await open(dataDir);
    expect(await listOrders(second.services.db, { limit: 10 })).toEqual([expect.objectContaining({ clientOrderId: `sr-alert-${alertId}-0`, status: 'FILLED' })]);
    expect(await second.services.db.selectFrom('webhookLog').select('outcome').execute()).toEqual([{ outcome: 'executed' }]);
    await second.stop();

    const third = await open(dataDir);
    expect(await listOrders(third.services.db, { limit: 10 })).toHaveLength(1);
    await third.stop();
  });

  it('do not double an order that was placed before the stop', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const botId = await signalBot(first);
    await sql`create trigger lose_outcome before update on alerts begin select raise(abort, 'power cut'); end`.execute(first.services.db);
    const passphrase = await first.services.webhooks.rotatePassphrase(botId);
    if (!passphrase.ok) throw new Error('no passphrase');
    const res = await fetch(first.services.webhooks.status().url ?? '', { method: 'POST', body: JSON.stringify({ passphrase: passphrase.value.passphrase, bot: botId, action: 'buy' }) });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && (await listOrders(first.services.db, { limit: 10 })).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await sql`drop trigger lose_outcome`.execute(first.services.db);
    await first.stop();

    const second = await open(dataDir);
    expect(await listOrders(second.services.db, { limit: 10 })).toHaveLength(1);
    expect(await second.services.db.selectFrom('alerts').select('status').execute()).toEqual([{ status: 'executed' }]);
    await second.stop();
  });

  it('are not finished behind the trader’s back when the bot was stopped between two legs', async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const botId = await signalBot(first);
    const { db, orders } = first.services;
    await orders.place({ botId, symbol: 'SOL/USDT', side: 'SELL', type: 'MARKET', qty: 2 });
    const alertId = (await insertAlertOnce(db, { dedupeKey: 'k2', botId, receivedAt: Date.now(), commandJson: command(botId).replace('"buy"', '"long"') })) ?? 0;
    const leg = { alertId, symbol: 'SOL/USDT', side: 'BUY' as const, type: 'MARKET' as const, price: null };
    await storePlan(db, [{ ...leg, leg: 0, qty: 2, clientOrderId: `sr-alert-${alertId}-0` }, { ...leg, leg: 1, qty: 1, clientOrderId: `sr-alert-${alertId}-1` }]);
    await orders.place({ botId, symbol: 'SOL/USDT', side: 'BUY', type: 'MARKET', qty: 2, clientOrderId: `sr-alert-${alertId}-0` });
    await first.services.bots.setStatus(botId, 'stopped');
    await first.stop();

    const second = await open(dataDir);
    expect(await second.services.db.selectFrom('alerts').select(['status', 'result', 'orderIdsJson']).execute()).toEqual([
      { status: 'failed', result: 'The bot was stopped after 1 of 2 legs were placed; the rest were not placed', orderIdsJson: JSON.stringify([`sr-alert-${alertId}-0`]) },
    ]);
    expect(await listOrders(second.services.db, { limit: 10 })).toHaveLength(2);
    await second.stop();
  });
});
