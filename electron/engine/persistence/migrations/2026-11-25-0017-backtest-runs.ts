import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'backtest_runs', () => createBacktestRuns(db));
}

/**
 * Saved backtests, to compare side by side: what was run (series, strategy, options as JSON) and
 * what came out (metrics, trades, the open trade and a thinned equity curve as JSON).
 */
async function createBacktestRuns(db: Kysely<unknown>): Promise<void> {
  await sql`create table backtest_runs (
    id text primary key,
    created_at integer not null,
    venue text not null,
    symbol text not null,
    timeframe text not null,
    from_ts integer not null,
    to_ts integer not null,
    strategy text not null,
    options text not null,
    metrics text not null,
    trades text not null,
    open_trade text,
    equity text not null
  )`.execute(db);
  await sql`create index backtest_runs_created on backtest_runs (created_at)`.execute(db);
}
