import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { candlesBetween, listSeries } from '../../persistence/candles.repository.ts';
import { openDatabase } from '../../persistence/open-database.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { writeCandles } from './candle-writer.ts';
import { importCandleCsvFile } from './import-csv-file.ts';

const KEY = { venue: 'csv', symbol: 'ETH/USDT', timeframe: '1m' };
const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `${T0 + (from + i) * MINUTE},10,11,9,10.5,3`);

async function setup() {
  const dir = tempDir();
  const opened = await openDatabase(join(dir, 'history.sqlite'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { opened, file };
}

describe('importCandleCsvFile', () => {
  it('streams a file with BOM and CRLF into the store and says what was new', async () => {
    const { opened, file } = await setup();
    const path = file('bars.csv', `\uFEFFtimestamp,open,high,low,close,volume\r\n${rows(1000).join('\r\n')}\r\n`);
    const result = await importCandleCsvFile(opened, path, KEY);
    expect(result).toMatchObject({ ok: true, value: { inserted: 1000, alreadyStored: 0, report: { rowsRead: 1000, hasHeader: true } } });
    expect(await listSeries(opened.db)).toEqual([{ ...KEY, firstTs: T0, lastTs: T0 + 999 * MINUTE, count: 1000 }]);
    await opened.close();
  });

  it('keeps bars already stored: a re-import adds only the new ones and rewrites none', async () => {
    const { opened, file } = await setup();
    await importCandleCsvFile(opened, file('a.csv', rows(10).join('\n')), KEY);
    const changed = rows(20).map((line, i) => (i < 10 ? line.replace(',10.5,', ',10.7,') : line));
    const again = await importCandleCsvFile(opened, file('b.csv', changed.join('\n')), KEY);
    expect(again).toMatchObject({ ok: true, value: { inserted: 10, alreadyStored: 10 } });
    expect((await candlesBetween(opened.db, KEY, T0, T0 + MINUTE))[0]?.close).toBe(10.5);
    await opened.close();
  });

  it('writes nothing when one row in a million-byte file is bad, naming its line', async () => {
    const { opened, file } = await setup();
    const lines = rows(30_000);
    lines[29_990] = `${T0 + 29_990 * MINUTE},10,9,11,10.5,3`;
    const result = await importCandleCsvFile(opened, file('bad.csv', lines.join('\n')), KEY);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('line 29991: high 9 is below low 11') } });
    expect(await listSeries(opened.db)).toEqual([]);
    await opened.close();
  });

  it('says plainly when the file is missing or a folder', async () => {
    const { opened } = await setup();
    expect(await importCandleCsvFile(opened, '/no/such/file.csv', KEY)).toMatchObject({ ok: false, error: { message: 'The file /no/such/file.csv could not be opened: there is no such file' } });
    expect(await importCandleCsvFile(opened, tempDir(), KEY)).toMatchObject({ ok: false, error: { message: expect.stringContaining('it is a folder') } });
    await opened.close();
  });

  it('waits for a Kysely transaction in progress instead of writing inside it', async () => {
    const { opened } = await setup();
    let release = () => {};
    const held = opened.db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'probe', valueJson: '1' }).execute();
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('roll back the other transaction');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(opened.sqlite.inTransaction).toBe(true);
    const write = writeCandles(opened.sqlite, KEY, [{ ts: T0, open: 1, high: 1, low: 1, close: 1, volume: 0 }]);
    release();
    await expect(held).rejects.toThrow('roll back');
    expect(await write).toBe(1);
    // Had the bars been written inside the other transaction, its rollback would have taken them.
    expect(await listSeries(opened.db)).toHaveLength(1);
    await opened.close();
  });
});

describe('importCandleCsvFile: line ends across chunk borders', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('reads 60,000 rows (several 1 MB chunks) with %s line ends, every line numbered right', async (_, ending) => {
    const { opened, file } = await setup();
    const lines = rows(60_000);
    lines[59_999] = `${T0 + 59_999 * MINUTE},10,11,9,x,3`;
    const refused = await importCandleCsvFile(opened, file('bad.csv', `timestamp,open,high,low,close,volume${ending}${lines.join(ending)}${ending}`), KEY);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('1 of 60000 rows could not be read, so nothing was imported. line 60001: close "x" is not a number') } });
    lines[59_999] = `${T0 + 59_999 * MINUTE},10,11,9,10,3`;
    const imported = await importCandleCsvFile(opened, file('good.csv', lines.join(ending)), KEY);
    expect(imported).toMatchObject({ ok: true, value: { inserted: 60_000 } });
    await opened.close();
  });

  it('reads a CRLF split across two chunks (\\r the last byte of the first 1 MB) as one line end', async () => {
    const { opened, file } = await setup();
    const header = 'timestamp,open,high,low,close,volume\r\n';
    const body = rows(40_000).join('\r\n');
    const split = (1 << 20) - 1;
    const crBefore = (header + body).lastIndexOf('\r', split);
    // Cells are trimmed: spaces before the first row move every later byte without changing a value.
    const text = header + ' '.repeat(split - crBefore) + body;
    expect(text.slice(split, split + 2)).toBe('\r\n');
    const lines = text.split('\r\n');
    // The line that starts right after the split: its number proves no line was lost or added there.
    let end = -2;
    const broken = lines.findIndex((line) => (end += line.length + 2) >= split) + 1;
    lines[broken] = lines[broken]?.replace(',10.5,', ',oops,') ?? '';
    const result = await importCandleCsvFile(opened, file('split.csv', lines.join('\r\n')), KEY);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`1 of 40000 rows could not be read, so nothing was imported. line ${broken + 1}: close "oops"`) } });
    await opened.close();
  });

  it('refuses a file without line breaks before it fills the memory', async () => {
    const { opened, file } = await setup();
    const result = await importCandleCsvFile(opened, file('blob.csv', 'x'.repeat(3_000_000)), KEY);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('has a line over 1,000,000 characters long') } });
    await opened.close();
  });
});
