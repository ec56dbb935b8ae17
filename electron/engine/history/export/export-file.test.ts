import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRequestSchema } from '../../../../shared/contract/export.ts';
import { tempDir } from '../../testing/temp-dir.ts';
import { exportToFile } from './export-file.ts';
import { CHUNK_ROWS } from './export-rows.ts';
import { seededHistory, type SeedTrade } from './testing-seed.ts';
import { TRADE_COLUMNS } from './trades-table.ts';

const HOSTILE_NAME = 'Tom\'s "best", bot\r\nline two';
const BOTS: { id: string; name: string; account?: string }[] = [
  { id: 'b-plain', name: 'SOL trend' },
  { id: 'b-hostile', name: HOSTILE_NAME, account: 'binance-1' },
  { id: 'b-formula', name: '=HYPERLINK("http://evil.example","click")' },
];
const T0 = Date.UTC(2026, 0, 1);

/** More trades than one chunk, so the keyset carries on across chunks with ties on closedAt. */
const TRADES: SeedTrade[] = Array.from({ length: CHUNK_ROWS * 2 + 7 }, (_, i) => ({
  botId: BOTS[i % 3]!.id,
  accountId: BOTS[i % 3]!.account ?? 'paper',
  symbol: i % 5 === 0 ? '@SUM(A1)' : 'BTC/USDT',
  side: i % 2 === 0 ? 'LONG' : 'SHORT',
  qty: 0.001 * (i + 1),
  avgPxOpen: 65000.25 + i,
  avgPxClose: 65000.25 + i + 0.1 + 0.2,
  realizedPnl: i % 7 === 0 ? -(i * 0.1 + 0.2) : i * 0.1 + 0.2,
  fees: 1e-7 * i,
  openedAt: T0 + i * 60_000,
  closedAt: T0 + Math.floor(i / 3) * 120_000 + 30_000,
  source: i % 4 === 0 ? 'alert' : 'strategy',
  alertId: i % 4 === 0 ? i : null,
}));

let history: Awaited<ReturnType<typeof seededHistory>>;
const dbDir = mkdtempSync(join(tmpdir(), 'stoxrobot-export-'));
beforeAll(async () => {
  history = await seededHistory(join(dbDir, 'engine.sqlite'), BOTS, TRADES);
});
afterAll(async () => {
  await history.close();
  rmSync(dbDir, { recursive: true, force: true });
});

const request = (input: object = {}) => ExportRequestSchema.parse({ timeZone: 'Europe/Berlin', ...input });
const readCsv = (file: string) => parse(readFileSync(file, 'utf8'), { record_delimiter: '\r\n', columns: true }) as Record<string, string>[];

describe('exporting trades to a file', () => {
  it('writes every trade once, in closing order, and csv-parse reads back the same values', async () => {
    const file = join(tempDir(), 'trades.csv');
    const progress: number[] = [];
    const result = await exportToFile(history.source, request(), file, { onProgress: (p) => progress.push(p.rows) });
    expect(result).toEqual({ ok: true, value: { rows: TRADES.length, total: TRADES.length, saved: true } });
    expect(progress.at(-1)).toBe(TRADES.length);

    const text = readFileSync(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe(TRADE_COLUMNS.join(','));
    expect(text).toContain(',"Tom\'s ""best"", bot\r\nline two",b-hostile,');
    const rows = readCsv(file);
    expect(rows).toHaveLength(TRADES.length);
    const stored = await history.db.selectFrom('trades').selectAll().orderBy('closedAt').orderBy('id').execute();
    rows.forEach((row, i) => {
      const trade = stored[i]!;
      const bot = BOTS.find((b) => b.id === trade.botId)!;
      expect(Number(row.trade_id)).toBe(trade.id);
      expect(row.bot_name).toBe(bot.name.startsWith('=') ? `'${bot.name}` : bot.name);
      expect(row.symbol).toBe(trade.symbol.startsWith('@') ? `'${trade.symbol}` : trade.symbol);
      expect(Number(row.quantity)).toBe(Number(trade.qty.toPrecision(15)));
      expect(Number(row.net_pnl)).toBe(Number(trade.realizedPnl.toPrecision(15)));
      expect(row.exit_time_utc).toBe(new Date(trade.closedAt).toISOString());
      expect(row.mode).toBe(trade.accountId === 'paper' ? 'paper' : 'live');
      expect(row.alert_id).toBe(trade.alertId === null ? '' : String(trade.alertId));
    });
    expect(rows[0]!.entry_time_local).toBe('2026-01-01T01:00:00.000+01:00');
    expect(rows.some((r) => r.net_pnl!.startsWith('-'))).toBe(true); // negative numbers stay numbers
    expect(rows.every((r) => !/e/i.test(r.fees!))).toBe(true);
  });

  it('exports only what the filter shows', async () => {
    const file = join(tempDir(), 'hostile.csv');
    const result = await exportToFile(history.source, request({ filter: { botIds: ['b-hostile'], side: 'SHORT' } }), file);
    const expected = TRADES.filter((t) => t.botId === 'b-hostile' && t.side === 'SHORT').length;
    expect(result.ok && result.value.rows).toBe(expected);
    const rows = readCsv(file);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => `${r.bot_name}|${r.side}|${r.account}`))).toEqual(new Set([`${HOSTILE_NAME}|SHORT|binance-1`]));
  });

  it('leaves no file at all when cancelled, and keeps an older file of that name untouched', async () => {
    const dir = tempDir();
    const file = join(dir, 'trades.csv');
    writeFileSync(file, 'last month');
    const controller = new AbortController();
    const result = await exportToFile(history.source, request(), file, { signal: controller.signal, onProgress: (p) => p.rows > 0 && controller.abort() });
    expect(result).toEqual({ ok: true, value: { rows: CHUNK_ROWS, total: TRADES.length, saved: false } });
    expect(readdirSync(dir)).toEqual(['trades.csv']);
    expect(readFileSync(file, 'utf8')).toBe('last month');
  });

  it('leaves no file and says so plainly when the disk fills up mid-export', async () => {
    const dir = tempDir();
    const file = join(dir, 'trades.csv');
    let writes = 0;
    const result = await exportToFile(history.source, request(), file, {
      openFile: async (path) => {
        const handle = await open(path, 'wx');
        return {
          write: async (text: string) => {
            // The header and the first piece of rows fit; the disk is full at the next.
            if (++writes === 3) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            return handle.write(text);
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        } as never;
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^The disk is full: the export to \S+trades\.csv stopped after [1-9][\d,]* rows and nothing was saved; free some space on the disk of \S+ and export again$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says which folder is missing', async () => {
    const file = join(tempDir(), 'no-such-folder', 'trades.csv');
    const result = await exportToFile(history.source, request(), file);
    expect(!result.ok && result.error.message).toContain('does not exist');
  });

  it('refuses an unknown time zone before writing anything', async () => {
    const dir = tempDir();
    const result = await exportToFile(history.source, request({ timeZone: 'Mars/Olympus' }), join(dir, 'x.csv'));
    expect(result.ok).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(['orders', 'fills', 'webhook_log'] as const)('writes a header-only %s file for an empty ledger', async (kind) => {
    const file = join(tempDir(), `${kind}.csv`);
    const result = await exportToFile(history.source, request({ kind }), file);
    expect(result.ok && result.value.rows).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^[a-z_]+(,[a-z_]+)+\r\n$/);
  });
});

/** A real 1 MB filesystem; mounting one needs root (CI runs as root), elsewhere the test says why it is skipped. */
function mountTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-export-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
const small = mountTmpfs();
afterAll(() => {
  if (!small) return;
  execFileSync('umount', [small]);
  rmSync(small, { recursive: true, force: true });
});

describe.skipIf(small === null)('a really full disk (1 MB tmpfs; skipped where mounting is not permitted)', () => {
  it('leaves no file under the chosen name nor a temporary one, and names the full disk', async () => {
    const file = join(small!, 'trades.csv');
    const result = await exportToFile(history.source, request(), file);
    expect(!result.ok && result.error.message).toMatch(/^The disk is full: the export to .* stopped after [\d,]+ rows and nothing was saved/);
    expect(readdirSync(small!)).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });
});
