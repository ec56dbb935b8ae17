import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCandleCsvFile } from '../electron/engine/market/history/import-csv-file.ts';
import { parseCandleCsv } from '../electron/engine/market/history/candle-csv.ts';
import { insertCandlesBulk, listSeries } from '../electron/engine/persistence/candles.repository.ts';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';
import { simulatedMinuteBars } from '../electron/engine/market/history/sample-crypto.ts';
import { commitCostMs } from './disk-cost.ts';

const ROWS = 1_000_000;

const rate = (rows: number, started: number) => `${Math.round(rows / ((performance.now() - started) / 1000)).toLocaleString()} rows/s`;

/** Candle history: CSV parse, bulk insert and a whole file import, in rows per second. */
export async function candleImport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  console.log(`\n# Candle history import: ${ROWS.toLocaleString()} 1-minute bars; one durable commit here costs ${commitCostMs(dir).toFixed(2)} ms (WAL, synchronous=FULL)`);
  const bars = simulatedMinuteBars({ seed: 7, start: Date.UTC(2024, 0, 1), count: ROWS, startPrice: 40_000 });
  const csv = `timestamp,open,high,low,close,volume\n${bars.map((c) => `${c.ts},${c.open},${c.high},${c.low},${c.close},${c.volume}`).join('\n')}\n`;
  const file = join(dir, 'bars.csv');
  writeFileSync(file, csv);
  const opened = await openDatabase(join(dir, 'history.sqlite'));
  try {
    let started = performance.now();
    const parsed = parseCandleCsv(csv);
    console.log(`parseCandleCsv (${(csv.length / 1e6).toFixed(0)} MB in memory): ${rate(ROWS, started)}${parsed.ok ? '' : ' (refused!)'}`);
    started = performance.now();
    insertCandlesBulk(opened.sqlite, { venue: 'bench', symbol: 'BULK', timeframe: '1m' }, bars);
    console.log(`insertCandlesBulk (prepared statement, one transaction): ${rate(ROWS, started)}`);
    started = performance.now();
    const imported = await importCandleCsvFile({ db: opened.db, sqlite: opened.sqlite }, file, { venue: 'bench', symbol: 'FILE', timeframe: '1m' });
    console.log(`importCandleCsvFile (stream, parse, insert): ${rate(ROWS, started)}${imported.ok ? '' : ' (refused!)'}`);
    started = performance.now();
    const series = await listSeries(opened.db);
    console.log(`listSeries over ${(2 * ROWS).toLocaleString()} bars in ${series.length} series: ${(performance.now() - started).toFixed(0)} ms`);
  } finally {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
