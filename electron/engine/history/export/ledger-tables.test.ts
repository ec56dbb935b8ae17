import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRequestSchema } from '../../../../shared/contract/export.ts';
import { insertLogEntry } from '../../persistence/webhooks.repository.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { exportToFile } from './export-file.ts';
import { seededHistory } from './testing-seed.ts';

const T = Date.UTC(2026, 2, 1, 8);
let history: Awaited<ReturnType<typeof seededHistory>>;
beforeAll(async () => {
  history = await seededHistory(join(tempDir(), 'engine.sqlite'), [{ id: 'b-1', name: 'Alerts, mostly' }, { id: 'b-2', name: 'Other' }], []);
  const order = (clientOrderId: string, botId: string, tsInit: number) => ({ clientOrderId, venueOrderId: null, botId, venue: 'paper', symbol: 'ETH/USDT', side: 'BUY', type: 'MARKET', qty: 0.3, price: null, status: 'FILLED', source: 'alert', filledQty: 0.3, avgFillPx: 0.1 + 0.2, rejectReason: null, tsInit, tsEvent: tsInit + 5 });
  await history.db.insertInto('orders').values([order('o-1', 'b-1', T), order('o-2', 'b-2', T + 1000)]).execute();
  await history.db.insertInto('fills').values({ venue: 'paper', fillId: 'f-1', clientOrderId: 'o-1', botId: 'b-1', symbol: 'ETH/USDT', side: 'BUY', lastQty: 0.3, lastPx: 3000.5, fee: 0.00045, tsEvent: T + 5, tsInit: T + 6 }).execute();
  await insertLogEntry(history.db, { ts: T, source: '203.0.113.9', botId: 'b-1', statusCode: 401, outcome: 'unauthorized', reason: 'Wrong passphrase', body: '{"passphrase":"***","comment":"=HYPERLINK(\\"x\\")"}', alertId: null });
});
afterAll(() => history.close());

async function exported(input: object): Promise<Record<string, string>[]> {
  const file = join(tempDir(), 'out.csv');
  const result = await exportToFile(history.source, ExportRequestSchema.parse({ timeZone: 'UTC', ...input }), file);
  if (!result.ok) throw new Error(result.error.message);
  return parse(readFileSync(file, 'utf8'), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

describe('orders, fills and webhook log exports', () => {
  it('write orders with their bot, honouring the bot filter', async () => {
    const rows = await exported({ kind: 'orders', filter: { botIds: ['b-1'] } });
    expect(rows).toEqual([
      expect.objectContaining({ client_order_id: 'o-1', bot_name: 'Alerts, mostly', bot_id: 'b-1', quantity: '0.3', price: '', avg_fill_price: '0.3', source: 'alert', created_utc: '2026-03-01T08:00:00.000Z', updated_local: '2026-03-01T08:00:00.005+00:00' }),
    ]);
  });

  it('write fills with full precision and no exponent', async () => {
    expect(await exported({ kind: 'fills' })).toEqual([expect.objectContaining({ fill_id: 'f-1', quantity: '0.3', price: '3000.5', fee: '0.00045', time_utc: '2026-03-01T08:00:00.005Z' })]);
  });

  it('write the webhook log with the masked body, a formula in it made harmless by quoting only where it starts a cell', async () => {
    const [row] = await exported({ kind: 'webhook_log' });
    expect(row).toMatchObject({ from_address: '203.0.113.9', bot_name: 'Alerts, mostly', status_code: '401', outcome: 'unauthorized', body: '{"passphrase":"***","comment":"=HYPERLINK(\\"x\\")"}' });
  });

  it('honour the date range', async () => {
    expect((await exported({ kind: 'orders', filter: { from: T + 1 } })).map((r) => r.client_order_id)).toEqual(['o-2']);
  });
});
