import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDashboard } from '../electron/engine/analytics/dashboard-reader.ts';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';
import { openReader } from '../electron/engine/persistence/open-reader.ts';
import { seed } from './trade-history.ts';

/** The analytics dashboard over the trade-history bench's ledger (1 M trades, 3 years, 50 bots): the cost of one refresh. */
export async function analyticsDashboard(): Promise<void> {
  console.log('\n# Analytics dashboard: 1,000,000 trades over 3 years, 50 bots; one full dashboard per refresh, read-only connection');
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const file = join(dir, 'analytics.sqlite');
  const opened = await openDatabase(file);
  seed(opened.sqlite);
  const { reads, close } = openReader(file);
  for (const [name, input] of [['paper, all time', { mode: 'paper' as const }], ['live, all time', { mode: 'live' as const }], ['paper, last 90 days', { mode: 'paper' as const, from: Date.UTC(2025, 9, 1) }]] as const) {
    const times: number[] = [];
    let trades = 0;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const dashboard = await readDashboard(reads, input, []);
      times.push(performance.now() - started);
      trades = dashboard.total.trades;
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(22)} median ${times[2]!.toFixed(0)} ms, worst ${times[4]!.toFixed(0)} ms (${trades.toLocaleString()} trades)`);
  }
  await close();
  await opened.close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await analyticsDashboard();
