import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/temp-dir.ts';
import { openDatabase } from './open-database.ts';
import { pruneWebhookLog } from './webhook-log-retention.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

async function logWith(entries: { ts: number; alertStatus?: 'pending' | 'executed' }[]) {
  const opened = await openDatabase(join(tempDir(), 'log.sqlite'));
  const { db } = opened;
  await db.insertInto('bots').values({ id: 'bot-1', name: 'b', symbol: 'SOL/USDT', timeframe: '1m', strategyJson: '{}', orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0, deletedAt: null }).execute();
  for (const [i, entry] of entries.entries()) {
    const alert = entry.alertStatus
      ? await db.insertInto('alerts').values({ dedupeKey: `k${i}`, botId: 'bot-1', receivedAt: entry.ts, commandJson: '{}', status: entry.alertStatus }).returning('id').executeTakeFirstOrThrow()
      : null;
    await db.insertInto('webhookLog').values({ ts: entry.ts, source: 'x', botId: null, statusCode: 200, outcome: 'accepted', reason: null, body: '', alertId: alert?.id ?? null }).execute();
  }
  const left = async () => (await db.selectFrom('webhookLog').select('ts').orderBy('id').execute()).map((r) => r.ts);
  return { db, left, close: opened.close };
}

describe('webhook log retention', () => {
  it('drops entries past their age, and the oldest past the entry limit', async () => {
    const { db, left, close } = await logWith([{ ts: NOW - 40 * DAY }, { ts: NOW - 3 * DAY }, { ts: NOW - 2 * DAY }, { ts: NOW - DAY }, { ts: NOW }]);
    expect(await pruneWebhookLog(db, { olderThan: NOW - 30 * DAY, maxEntries: 3 })).toBe(2);
    expect(await left()).toEqual([NOW - 2 * DAY, NOW - DAY, NOW]);
    expect(await pruneWebhookLog(db, { olderThan: null, maxEntries: 3 })).toBe(0);
    await close();
  });

  it('keeps the entry of an alert still waiting to be acted on, however old', async () => {
    const { db, left, close } = await logWith([{ ts: NOW - 40 * DAY, alertStatus: 'pending' }, { ts: NOW - 40 * DAY, alertStatus: 'executed' }, { ts: NOW }]);
    await pruneWebhookLog(db, { olderThan: NOW - 30 * DAY, maxEntries: 1 });
    expect(await left()).toEqual([NOW - 40 * DAY, NOW]);
    await close();
  });
});
