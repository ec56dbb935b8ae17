import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Candle } from '../shared/domain/candle.ts';
import { insertCandles, insertCandlesBulk } from '../electron/engine/persistence/candles.repository.ts';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';

const ROWS = 1_000_000;

function candles(): Candle[] {
  const rows: Candle[] = new Array(ROWS);
  let px = 100;
  for (let i = 0; i < ROWS; i++) {
    px *= 1 + Math.sin(i) * 0.001;
    rows[i] = { ts: i * 60_000, open: px, high: px * 1.001, low: px * 0.999, close: px, volume: 10 + (i % 7) };
  }
  return rows;
}

export async function sqliteCandles(): Promise<void> {
  console.log(`\n# SQLite bulk candle insert: ${ROWS.toLocaleString()} rows, WAL, synchronous=FULL`);
  const rows = candles();
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const file = join(dir, 'candles.sqlite');
  const key = { venue: 'bench', symbol: 'BTC/USDT', timeframe: '1m' };

  const opened = await openDatabase(file);
  let started = performance.now();
  await opened.db.transaction().execute((trx) => insertCandles(trx, rows.map((c) => ({ ...key, symbol: 'KYSELY', ...c }))));
  const kyselyRate = ROWS / ((performance.now() - started) / 1000);
  console.log(`baseline (Kysely multi-row insert, one transaction): ${Math.round(kyselyRate).toLocaleString()} rows/s`);

  started = performance.now();
  const written = insertCandlesBulk(opened.sqlite, key, rows);
  const bulkRate = ROWS / ((performance.now() - started) / 1000);
  console.log(`insertCandlesBulk (prepared statement, one transaction): ${Math.round(bulkRate).toLocaleString()} rows/s (${written.toLocaleString()} written)`);
  console.log(`bulk / baseline = ${(bulkRate / kyselyRate).toFixed(2)}`);
  await opened.close();

  const reopened = await openDatabase(file);
  const count = reopened.sqlite.prepare('select count(*) from candles where symbol = ?').pluck().get('BTC/USDT');
  const pragmas = ['journal_mode', 'synchronous', 'foreign_keys'].map((p) => `${p}=${reopened.sqlite.pragma(p, { simple: true })}`).join(', ');
  console.log(`reopen: ${Number(count).toLocaleString()} rows present; ${pragmas}`);
  await reopened.close();
  rmSync(dir, { recursive: true, force: true });
}
