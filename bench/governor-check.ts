import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/engine/persistence/open-database.ts';
import { DrawdownFolds } from '../electron/engine/risk/governor/equity-figures.ts';

const MINUTES_A_YEAR = 525_600;

/** What the drawdown figure costs an entry order as the equity series grows (a row per market minute). */
export async function governorCheck(): Promise<void> {
  console.log('\n# Risk governor: drawdown over the equity series');
  const dir = mkdtempSync(join(tmpdir(), 'stoxrobot-bench-'));
  const { db, sqlite, close } = await openDatabase(join(dir, 'governor.sqlite'));
  const insert = sqlite.prepare('insert into account_equity (account_id, ts, epoch, equity) values (?, ?, 1, ?)');
  const span = { accountId: 'paper', epoch: 1, from: 0, to: Number.MAX_SAFE_INTEGER };
  let written = 0;
  const write = (upTo: number) =>
    sqlite.transaction(() => {
      for (; written < upTo; written++) insert.run('paper', written * 60_000, 10_000 + Math.sin(written / 500) * 800);
    })();
  for (const rows of [1_440, 43_200, MINUTES_A_YEAR]) {
    write(rows);
    const folds = new DrawdownFolds();
    let started = performance.now();
    await folds.recorded(db, span, 0.1);
    const first = performance.now() - started;
    const runs = 200;
    started = performance.now();
    for (let i = 0; i < runs; i++) {
      write(written + 1); // a new market minute between two entries
      await folds.recorded(db, span, 0.1);
    }
    console.log(`${rows.toLocaleString()} equity rows: first evaluation after a start ${first.toFixed(1)} ms, then ${((performance.now() - started) / runs).toFixed(3)} ms per entry (one new row each)`);
  }
  await close();
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) await governorCheck();
