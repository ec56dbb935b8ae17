import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/run-cli.ts';
import { seededHistory } from '../engine/history/export/testing-seed.ts';
import { DATABASE_FILE } from '../engine/index.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';


const DAY = 86_400_000;
const JAN_1 = Date.UTC(2024, 0, 1);

/** Trades closing at noon on 1 to 5 January 2024 and at the very last millisecond of the 3rd, for two bots. */
async function dataFolder(): Promise<string> {
  const dir = tempDir();
  const trade = (botId: string, closedAt: number) => ({ botId, symbol: 'BTC/USDT', qty: 0.5, avgPxOpen: 40000, avgPxClose: 40100.1, realizedPnl: 50.05, fees: 0.1, openedAt: closedAt - 3_600_000, closedAt });
  const noon = (day: number) => JAN_1 + (day - 1) * DAY + 12 * 3_600_000;
  const trades = [1, 2, 3, 4, 5].flatMap((day) => [trade('b-one', noon(day)), trade('b-two', noon(day))]);
  trades.push(trade('b-one', JAN_1 + 3 * DAY - 1));
  const history = await seededHistory(join(dir, DATABASE_FILE), [{ id: 'b-one', name: 'One, the first' }, { id: 'b-two', name: 'Two' }], trades);
  await history.close();
  return dir;
}

describe('npm run cli -- export', () => {
  it('exports the trades of a date range (the --to day included) and one bot to a CSV file', async () => {
    const data = await dataFolder();
    const out = join(tempDir(), 'trades.csv');
    const { code, stdout } = await cli('export', 'trades', '--from', '2024-01-02', '--to', '2024-01-03', '--bot', 'b-one', '--out', out, '--data', data, '--tz', 'UTC');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`Exported 3 trades to ${out}`);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.map((r) => r.exit_time_utc)).toEqual(['2024-01-02T12:00:00.000Z', '2024-01-03T12:00:00.000Z', '2024-01-03T23:59:59.999Z']);
    expect(new Set(rows.map((r) => r.bot_name))).toEqual(new Set(['One, the first']));
    expect(rows[0]).toMatchObject({ quantity: '0.5', entry_price: '40000', exit_price: '40100.1', net_pnl: '50.05', exit_time_local: '2024-01-02T12:00:00.000+00:00' });
  });

  it('exports everything without a range', async () => {
    const data = await dataFolder();
    const out = join(tempDir(), 'all.csv');
    const { code, stdout } = await cli('export', 'trades', '--out', out, '--data', data);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(`Exported 11 trades to ${out}`);
  });

  it.each([
    [['export', 'positions', '--out', 'x.csv'], "Cannot export 'positions'"],
    [['export', 'trades'], 'Say where to write the CSV with --out FILE'],
    [['export', 'trades', '--out', 'x.csv', '--from', 'yesterday'], "--from must be a date like 2024-01-01 or 2024-01-01T12:00, got 'yesterday'"],
    [['export', 'trades', '--out', 'x.csv', '--tz', 'Mars/Olympus', '--data', '.'], 'There is no StoxRobot database in .'],
  ])('refuses %j with exit code 2 and says why', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('names an unknown time zone and writes nothing', async () => {
    const data = await dataFolder();
    const outDir = tempDir();
    const { code, stderr } = await cli('export', 'trades', '--out', join(outDir, 'x.csv'), '--data', data, '--tz', 'Mars/Olympus');
    expect(code).toBe(2);
    expect(stderr).toContain("'Mars/Olympus' is not a time zone");
    expect(readdirSync(outDir)).toEqual([]);
    expect(existsSync(join(outDir, 'x.csv'))).toBe(false);
  });
});
