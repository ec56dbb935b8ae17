import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/run-cli.ts';
import { backtestCommand } from './backtest-command.ts';
import { DATABASE_FILE } from '../engine/index.ts';
import { insertCandlesBulk } from '../engine/persistence/candles.repository.ts';
import { openDatabase } from '../engine/persistence/open-database.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';


// SMA2 crosses above SMA4 on bar 6 and below on bar 9, above again on bar 13 (see the backtester's hand-checked run).
const closes = [10, 10, 10, 10, 9, 8, 12, 14, 15, 9, 7, 6, 8, 11, 12, 10];
const opens = [10, 10, 10, 10, 10, 9, 8, 12.5, 14, 15.5, 8.5, 7, 6.5, 8.2, 11.4, 11.8];
const start = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;
const candles = closes.map((close, i) => ({ ts: start + i * HOUR, open: opens[i]!, high: Math.max(opens[i]!, close), low: Math.min(opens[i]!, close), close, volume: 5 }));

function csvFile(dir: string): string {
  const file = join(dir, 'bars.csv');
  const rows = candles.map((c) => [new Date(c.ts).toISOString(), c.open, c.high, c.low, c.close, c.volume].join(','));
  writeFileSync(file, ['timestamp,open,high,low,close,volume', ...rows].join('\n'));
  return file;
}

describe('npm run cli -- backtest', () => {
  it('prints one JSON object with the trades a crossover makes by hand, from a CSV with ISO times', async () => {
    const file = csvFile(tempDir());
    const { code, stdout } = await cli('backtest', '--csv', file, '--strategy', 'ma_crossover', '--param', 'fast=2', '--param', 'slow=4', '--qty', '3', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.trades).toEqual([
      { entryTime: '2024-01-01T07:00:00.000Z', exitTime: '2024-01-01T10:00:00.000Z', entryPrice: 12.5, exitPrice: 8.5, qty: 3, side: 'long', pnl: -12 },
    ]);
    expect(report.openTrade).toMatchObject({ side: 'long', qty: 3, entryTime: '2024-01-01T14:00:00.000Z', entryPrice: 11.4, unrealizedPnl: -4.2 });
    expect(report.metrics).toMatchObject({ trades: 1, losses: 1, initialCapital: 30, bars: 16 });
  });

  it('charges the fee given in basis points on both fills', async () => {
    const file = csvFile(tempDir());
    const { stdout } = await cli('backtest', '--csv', file, '--strategy', 'ma_crossover', '--param', 'fast=2', '--param', 'slow=4', '--qty', '3', '--fee-bps', '10', '--json');
    expect(JSON.parse(stdout).trades[0].pnl).toBe(-12.063);
  });

  it('reads the app candle store of a data folder, with the paper venue fee unless told otherwise', async () => {
    const dataDir = tempDir();
    const opened = await openDatabase(join(dataDir, DATABASE_FILE));
    insertCandlesBulk(opened.sqlite, { venue: 'binance', symbol: 'ETH/USDT', timeframe: '1h' }, candles);
    await opened.close();
    const args = ['backtest', '--data', dataDir, '--symbol', 'ETH/USDT', '--timeframe', '1h', '--from', '2024-01-01', '--to', '2024-01-01', '--strategy', 'ma_crossover', '--param', 'fast=2', '--param', 'slow=4', '--json'];
    const free = await cli(...args, '--fee-bps', '0', '--slippage-bps', '0', '--qty', '3');
    expect(JSON.parse(free.stdout).trades[0]).toMatchObject({ entryPrice: 12.5, exitPrice: 8.5, pnl: -12 });
    const paper = await cli(...args, '--qty', '3');
    // 0.1 % fee and 5 bps slippage each way, prices on the 0.01 tick: 12.51 and 8.5 x 0.9995 = 8.50 (8.49575 rounded).
    expect(JSON.parse(paper.stdout).trades[0]).toMatchObject({ entryPrice: 12.51, exitPrice: 8.5 });
  });

  it('prints a readable report without --json', async () => {
    const { code, stdout } = await cli('backtest', '--csv', csvFile(tempDir()), '--strategy', 'ma_crossover', '--param', 'fast=2', '--param', 'slow=4');
    expect(code).toBe(0);
    expect(stdout).toContain('Trades              1 (0 won, 1 lost; win rate 0.00 %)');
    expect(stdout).toContain('Still open: long 1 since 2024-01-01T14:00:00.000Z at 11.4');
  });

  it('exits with code 2 and the reason on stderr, nothing on stdout', async () => {
    const { code, stderr, stdout } = await cli('backtest', '--csv', 'no-such-file.csv', '--strategy', 'ma_crossover');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('The file no-such-file.csv could not be opened: there is no such file');
  });

  it('refuses a CSV with a bad row, naming its line, and a data folder with no such series', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,1,1,1,1\n2024-01-01T00:01:00Z,1,abc,1,1,1\n');
    const bad = await cli('backtest', '--csv', file, '--strategy', 'ma_crossover');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 3');
    const dataDir = tempDir();
    await (await openDatabase(join(dataDir, DATABASE_FILE))).close();
    const missing = await cli('backtest', '--data', dataDir, '--symbol', 'BTC/USDT', '--timeframe', '1m', '--from', '2024-01-01', '--to', '2024-01-02', '--strategy', 'ma_crossover');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No BTC/USDT 1m candles are stored in');
  });
});

describe('backtest command line refusals', () => {
  it.each([
    [['--strategy', 'ma_crossover'], 'Say where the candles come from'],
    [['--csv', 'x.csv'], 'Say which strategy to test with --strategy NAME'],
    [['--csv', 'x.csv', '--symbol', 'BTC/USDT', '--strategy', 'ma_crossover'], 'Give either --csv or --symbol, not both'],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--param', 'fast=30'], 'Slow period must be greater than the fast period'],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--param', 'fast'], "--param takes key=value (like fast=10), got 'fast'"],
    [['--csv', 'x.csv', '--strategy', 'no_such_strategy'], "The strategy 'no_such_strategy' cannot run"],
    [['--csv', 'x.csv', '--strategy', 'tradingview', '--param', 'maxEntries=1'], 'trades on TradingView alerts'],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--qty=-1'], "--qty must be a positive number, got '-1'"],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--qty', '0'], "--qty must be a positive number, got '0'"],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--fee-bps', 'NaN'], "--fee-bps must be a number of zero or more, got 'NaN'"],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--tick', 'Infinity'], "--tick must be a positive number, got 'Infinity'"],
    [['--csv', 'x.csv', '--strategy', 'ma_crossover', '--bogus'], "Unknown option '--bogus'"],
    [['--symbol', 'BTC/USDT', '--timeframe', '1m', '--from', '2024-02-01', '--to', '2024-01-01', '--strategy', 'ma_crossover'], 'must be after --from'],
    [['--symbol', 'BTC/USDT', '--timeframe', 'weekly', '--from', '2024-01-01', '--to', '2024-02-01', '--strategy', 'ma_crossover'], "--timeframe must be a number and a unit (1m, 4h, 1d), got 'weekly'"],
    [['--symbol', 'BTC/USDT', '--timeframe', '1m', '--from', 'yesterday', '--to', '2024-02-01', '--strategy', 'ma_crossover'], "--from must be a date like 2024-01-01"],
    [['--symbol', 'BTC/USDT', '--strategy', 'ma_crossover'], '--symbol needs --timeframe, --from and --to'],
  ])('refuses %j and says why', async (args, message) => {
    const result = await backtestCommand(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(message);
  });
});
