import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBot } from '../engine/persistence/bots.repository.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';
import { EXPORT_DOWNLOAD_PATH } from './export-download.ts';
import { startTestHost, TEST_TOKEN } from './testing/test-host.ts';

const T0 = Date.UTC(2026, 5, 1, 9, 30);

describe('headless export download', () => {
  let host: Awaited<ReturnType<typeof startTestHost>>;
  beforeAll(async () => {
    host = await startTestHost(tempDir());
    const db = host.engine.services.db;
    for (const [id, name] of [['b-1', '=cmd|calc'], ['b-2', 'Plain']] as const) {
      await insertBot(db, { id, name, symbol: 'BTC/USDT', timeframe: '1m', strategy: { kind: 'tradingview', maxEntries: 1 }, orderQty: 1, account: 'paper', status: 'stopped', createdAt: 0, updatedAt: 0 });
    }
    const trade = (botId: string, i: number) => ({ botId, symbol: 'BTC/USDT', side: 'LONG', qty: 0.01, avgPxOpen: 60000, avgPxClose: 60010.5, realizedPnl: 0.105 - 0.02, fees: 0.02, openedAt: T0 + i * 60_000, closedAt: T0 + i * 60_000 + 30_000, accountId: 'paper', source: 'alert' as const, alertId: i, entryOrderId: `e${i}`, exitOrderId: `x${i}` });
    await db.insertInto('trades').values([trade('b-1', 0), trade('b-2', 1), trade('b-1', 2)]).execute();
  });
  afterAll(() => host.close());

  const url = (request: object | string, token: string | null = TEST_TOKEN) =>
    `${host.base}${EXPORT_DOWNLOAD_PATH}?${new URLSearchParams({ request: typeof request === 'string' ? request : JSON.stringify(request), ...(token === null ? {} : { token }) })}`;

  it('refuses a download without the right token, in the address or the header', async () => {
    expect((await fetch(url({}, null))).status).toBe(401);
    expect((await fetch(url({}, 'wrong'))).status).toBe(401);
    expect((await fetch(url({}, null), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('downloads what the filter shows as an attachment, local times in the zone asked for', async () => {
    const res = await fetch(url({ kind: 'trades', filter: { botIds: ['b-1'] }, timeZone: 'America/New_York' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="stoxrobot-trades-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(await res.text(), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ bot_name: "'=cmd|calc", bot_id: 'b-1', net_pnl: '0.085', source: 'alert', alert_id: '0', entry_time_utc: '2026-06-01T09:30:00.000Z', entry_time_local: '2026-06-01T05:30:00.000-04:00' });
  });

  it('takes the token as a bearer header too (scripts)', async () => {
    const res = await fetch(url({}, null), { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.status).toBe(200);
    expect((await res.text()).split('\r\n').filter(Boolean)).toHaveLength(4);
  });

  it.each([
    ['not json', 'The export request is not valid JSON'],
    [{ kind: 'secrets' }, 'kind'],
    [{ timeZone: 'Mars/Olympus' }, "'Mars/Olympus' is not a time zone"],
  ])('refuses %j with 400 and a reason', async (request, message) => {
    const res = await fetch(url(request));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain(message);
  });
});
