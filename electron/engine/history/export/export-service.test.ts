import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportEvent } from '../../../../shared/contract/export.ts';
import { manualClock, tempDir } from '../../testing/temp-dir.ts';
import { CHUNK_ROWS } from './export-rows.ts';
import { ExportService } from './export-service.ts';
import { seededHistory } from './testing-seed.ts';

const ROWS = CHUNK_ROWS * 3;
let history: Awaited<ReturnType<typeof seededHistory>>;
beforeAll(async () => {
  const trades = Array.from({ length: ROWS }, (_, i) => ({ botId: 'b', symbol: 'ETH/USDT', qty: 1, avgPxOpen: 3000, avgPxClose: 3001, realizedPnl: 1, fees: 0.01, openedAt: i, closedAt: i + 1 }));
  history = await seededHistory(join(tempDir(), 'engine.sqlite'), [{ id: 'b', name: 'Bot' }], trades);
});
afterAll(() => history.close());

const service = (chooseFile: ((name: string) => Promise<string | null>) | null) => new ExportService({ source: history.source, clock: manualClock(), chooseFile });
const request = { kind: 'trades' as const, filter: {}, timeZone: 'UTC' };

async function collect(events: AsyncIterable<ExportEvent>, onEvent: (event: ExportEvent) => void = () => undefined): Promise<ExportEvent[]> {
  const seen: ExportEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    onEvent(event);
  }
  return seen;
}

describe('ExportService.save', () => {
  it('streams progress, then says the file is saved, naming the file only', async () => {
    const dir = tempDir();
    const events = await collect(service(async () => join(dir, 'all.csv')).save(request, undefined));
    expect(events[0]).toEqual({ kind: 'progress', rows: 0, total: ROWS });
    expect(events.at(-1)).toEqual({ kind: 'done', saved: true, rows: ROWS, fileName: 'all.csv' });
    expect(readFileSync(join(dir, 'all.csv'), 'utf8').split('\r\n')).toHaveLength(ROWS + 2);
  });

  it('stops when cancelled and leaves no file', async () => {
    const dir = tempDir();
    const cancel = new AbortController();
    const events = await collect(service(async () => join(dir, 'all.csv')).save(request, cancel.signal), () => cancel.abort());
    expect(events.at(-1)).toMatchObject({ kind: 'done', saved: false });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves nothing when the trader closes the dialog', async () => {
    expect(await collect(service(async () => null).save(request, undefined))).toEqual([{ kind: 'done', saved: false, rows: 0, fileName: null }]);
  });

  it('says why when it fails, and on a host without a dialog', async () => {
    const failed = await collect(service(async () => join(tempDir(), 'missing', 'x.csv')).save(request, undefined));
    expect(failed.at(-1)).toMatchObject({ kind: 'failed', message: expect.stringContaining('does not exist') });
    expect(await collect(service(null).save(request, undefined))).toEqual([{ kind: 'failed', message: expect.stringContaining('no save dialog') }]);
  });
});
