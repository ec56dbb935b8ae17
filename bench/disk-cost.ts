import { statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const COMMITS = 300;

/**
 * What one durable commit costs on this disk: single-row transactions at WAL + synchronous=FULL,
 * as the engine writes, in the benchmark's own data folder. Printed beside the latency figures so
 * runs on different disks can be compared.
 */
export function commitCostMs(dir: string): number {
  const db = new BetterSqlite3(join(dir, 'fsync-probe.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table probe (id integer primary key, at real)');
  const insert = db.prepare('insert into probe (at) values (?)');
  const costs: number[] = [];
  for (let i = 0; i < COMMITS; i++) {
    const started = performance.now();
    insert.run(started);
    costs.push(performance.now() - started);
  }
  db.close();
  costs.sort((a, b) => a - b);
  return costs[Math.floor(costs.length / 2)] ?? Number.NaN;
}

/** The database and its write-ahead log together, in bytes. */
export function databaseBytes(file: string): number {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
}
