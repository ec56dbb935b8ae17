import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/run-cli.ts';
import { tempDir } from '../engine/testing/temp-dir.ts';


const start = Date.UTC(2024, 0, 1);
const MIN = 60_000;
function csv(dir: string, name: string, rows: readonly [number, number][]): string {
  const file = join(dir, name);
  const lines = rows.map(([open, close], i) => [new Date(start + i * MIN).toISOString(), open, Math.max(open, close), Math.min(open, close), close, 1].join(','));
  writeFileSync(file, ['timestamp,open,high,low,close,volume', ...lines].join('\n'));
  return file;
}

// The pair backtest's hand-checked series: in at bar 2's opens (A 100.1 long, B 100.9 short), out at bar 4's (A 100.5, B 100.45).
const A: [number, number][] = [[100, 100], [100, 100], [100.1, 100.2], [100.3, 100.4], [100.5, 100.5]];
const B: [number, number][] = [[100.2, 100.2], [101, 101], [100.9, 100.8], [100.5, 100.42], [100.45, 100.45]];
const PARAMS = ['--param', 'entrySpreadPct=0.1', '--param', 'exitSpreadPct=0.05', '--param', 'slippageBps=0'];

describe('npm run cli -- backtest --strategy arbitrage', () => {
  it('runs venue A against venue B from two CSV files and prints the round trip net of both venues\' fees', async () => {
    const dir = tempDir();
    const { code, stdout } = await cli('backtest', '--csv', csv(dir, 'a.csv', A), '--csv-b', csv(dir, 'b.csv', B), '--strategy', 'arbitrage', ...PARAMS, '--qty', '2', '--fee-bps', '10', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { trades: { pnl: number; fees: number; legs: { leg: string; side: string }[] }[]; metrics: { finalEquity: number } };
    expect(report.trades).toHaveLength(1);
    expect(report.trades[0]).toMatchObject({ pnl: 0.8961, fees: 0.8039 });
    expect(report.trades[0]!.legs.map((l) => `${l.leg} ${l.side}`)).toEqual(['a long', 'b short']);
    expect(report.metrics.finalEquity).toBeCloseTo(401.2961, 9);

    const text = await cli('backtest', '--csv', join(dir, 'a.csv'), '--csv-b', join(dir, 'b.csv'), '--strategy', 'arbitrage', ...PARAMS, '--qty', '2', '--fee-bps', '10');
    expect(text.stdout).toContain('A long 2 100.1 → 100.5, B short 2 100.9 → 100.45; 0.8961 after 0.8039 fees');
  });

  it.each([
    [['--csv', 'a.csv', '--strategy', 'arbitrage'], 'give --csv FILE for venue A and --csv-b FILE for venue B'],
    [['--csv', 'a.csv', '--csv-b', 'b.csv', '--strategy', 'ma_crossover'], "--csv-b is for a two-venue strategy (arbitrage); 'ma_crossover' trades one series"],
    [['--csv', 'a.csv', '--csv-b', 'b.csv', '--strategy', 'arbitrage', '--param', 'exitSpreadPct=5'], 'exit spread must be below the entry spread plus costs'],
  ])('refuses %j with a reason', async (args, message) => {
    const { code, stderr } = await cli('backtest', ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('names venue B\'s file when it cannot be read', async () => {
    const { code, stderr } = await cli('backtest', '--csv', csv(tempDir(), 'a.csv', A), '--csv-b', 'no-such-b.csv', '--strategy', 'arbitrage');
    expect(code).toBe(2);
    expect(stderr).toContain('The file no-such-b.csv could not be opened');
  });
});
