import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertBot } from '../persistence/bots.repository.ts';
import { openDatabase } from '../persistence/open-database.ts';
import { fillDisk, freeDisk, integrityCheck } from '../testing/full-disk.ts';
import { tempDir } from '../testing/temp-dir.ts';
import { AlertJournal, type JournalEntry } from './alert-journal.ts';

const entry = (id: string, body: string): JournalEntry => ({
  alert: { dedupeKey: `id:b1:${id}`, botId: 'b1', receivedAt: 1, commandJson: '{}' },
  log: { ts: 1, source: '127.0.0.1', botId: 'b1', statusCode: 200, body },
});

describe('the alert journal on a full disk', () => {
  it('fails the batch as one with the real cause, SQLITE_FULL, and stores none of it', async () => {
    const { db, close } = await openDatabase(join(tempDir(), 'journal.sqlite'));
    await insertBot(db, { id: 'b1', name: 'b', symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 5 }, orderQty: 1, account: 'paper', status: 'running', createdAt: 0, updatedAt: 0 });
    const journal = new AlertJournal(db);
    const before = await journal.record(entry('before', '{}'));
    await fillDisk(db);
    // The first is committed alone; the next two arrive during its commit and share one, where the second needs fresh pages.
    const [first, ...batch] = await Promise.allSettled([journal.record(entry('first', '{}')), journal.record(entry('small', '{}')), journal.record(entry('large', 'x'.repeat(12_000)))]);
    expect(batch.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : r.status))).toEqual(['SQLITE_FULL', 'SQLITE_FULL']);
    const stored = first?.status === 'fulfilled' ? ['before', 'first'] : ['before'];
    expect(await db.selectFrom('alerts').select('dedupeKey').orderBy('id').execute()).toEqual(stored.map((id) => ({ dedupeKey: `id:b1:${id}` })));
    expect(await db.selectFrom('webhookLog').select('id').execute()).toHaveLength(stored.length);
    expect(before.alertId).not.toBeNull();

    await freeDisk(db);
    expect(await journal.record(entry('large', 'x'.repeat(12_000)))).toMatchObject({ alertId: expect.any(Number) });
    expect(await integrityCheck(db)).toBe('ok');
    await close();
  });
});
