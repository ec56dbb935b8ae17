import type BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TradeFilter, TradeSort } from '../shared/contract/trade-history.ts';
import { tradePage, tradeTotals } from '../electron/engine/history/trade-history.ts';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';
import { openReader } from '../electron/engine/persistence/open-reader.ts';

const TRADES = 1_000_000;
const BOTS = 50;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT', 'ADA/USDT', 'DOGE/USDT', 'AVAX/USDT', 'LINK/USDT'];
const YEAR = 365 * 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** 1 M trades over three years, 50 bots on paper and two exchange accounts, one prepared insert in one transaction. */
export function seed(db: BetterSqlite3.Database): void {
  const bot = db.prepare(`insert into bots (id, name, symbol, timeframe, strategy_json, order_qty, account, status, created_at, updated_at) values (?, ?, 'BTC/USDT', '1m', '{}', 1, ?, 'stopped', 0, 0)`);
  const trade = db.prepare(`insert into trades (bot_id, symbol, side, qty, avg_px_open, avg_px_close, realized_pnl, fees, opened_at, closed_at, account_id, source)
    values (?, ?, ?, ?, 100, ?, ?, ?, ?, ?, ?, ?)`);
  const sources = ['strategy', 'alert', 'manual', 'protection'];
  db.transaction(() => {
    for (let b = 0; b < BOTS; b++) bot.run(`bot-${b}`, `Bot ${b}`, b % 5 === 0 ? 'binance-1' : b % 7 === 0 ? 'okx-1' : 'paper');
    let seedValue = 7;
    const random = () => ((seedValue = (seedValue * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < TRADES; i++) {
      const b = Math.floor(random() * BOTS);
      const move = (random() - 0.48) * 10;
      const qty = 0.1 + random();
      const long = random() < 0.7;
      const closedAt = START + Math.floor((i / TRADES) * 3 * YEAR);
      trade.run(`bot-${b}`, SYMBOLS[b % SYMBOLS.length], long ? 'LONG' : 'SHORT', qty, 100 + move, (long ? move : -move) * qty, 0.05 * qty, closedAt - Math.floor(random() * 86_400_000), closedAt, b % 5 === 0 ? 'binance-1' : b % 7 === 0 ? 'okx-1' : 'paper', sources[b % 4]);
    }
  })();
}

export const QUERIES: { name: string; filter: TradeFilter; sort: TradeSort }[] = [
  { name: 'everything, newest first', filter: {}, sort: { by: 'closedAt', dir: 'desc' } },
  { name: 'one bot, newest first', filter: { botIds: ['bot-17'] }, sort: { by: 'closedAt', dir: 'desc' } },
  { name: 'live only, last 30 days', filter: { mode: 'live', from: START + 3 * YEAR - 30 * 86_400_000 }, sort: { by: 'closedAt', dir: 'desc' } },
  { name: 'one symbol, losses, by P&L', filter: { symbols: ['SOL/USDT'], outcome: 'loss' }, sort: { by: 'pnl', dir: 'asc' } },
  { name: 'alerts, best return first', filter: { sources: ['alert'] }, sort: { by: 'return', dir: 'desc' } },
  { name: 'P&L between 2 and 2.5, longest first', filter: { pnlMin: 2, pnlMax: 2.5 }, sort: { by: 'duration', dir: 'desc' } },
  { name: 'by bot, one month', filter: { from: START + YEAR, to: START + YEAR + 30 * 86_400_000 }, sort: { by: 'bot', dir: 'asc' } },
  { name: 'shorts on okx by symbol', filter: { accountIds: ['okx-1'], side: 'SHORT' }, sort: { by: 'symbol', dir: 'asc' } },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;

export async function tradeHistory(): Promise<void> {
  console.log(`\n# Trade history: ${TRADES.toLocaleString()} trades, ${BOTS} bots; 100-row pages (first, and 20 pages deep by cursor), read-only connection`);
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const file = join(dir, 'history.sqlite');
  const opened = await openDatabase(file);
  let started = performance.now();
  seed(opened.sqlite);
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const { reads, close } = openReader(file);
  for (const query of QUERIES) {
    const times: number[] = [];
    for (let run = 0; run < 15; run++) {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        started = performance.now();
        const result = await tradePage(reads, { filter: query.filter, sort: query.sort, cursor, limit: 100 });
        times.push(performance.now() - started);
        if (!result.ok || result.value.next === null) break;
        cursor = result.value.next;
      }
    }
    started = performance.now();
    const totals = await tradeTotals(reads, query.filter);
    const totalsMs = performance.now() - started;
    times.sort((a, b) => a - b);
    console.log(`${query.name.padEnd(42)} page p50 ${percentile(times, 0.5).toFixed(2)} ms, p99 ${percentile(times, 0.99).toFixed(2)} ms; totals ${totalsMs.toFixed(1)} ms (${totals.count.toLocaleString()} trades)`);
  }
  await close();
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
}
