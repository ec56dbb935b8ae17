import type { Kysely } from 'kysely';
import type { BacktestRun, BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import { StrategySchema } from '../../../shared/domain/bot.ts';
import type { BacktestRunsTable, Database } from '../persistence/database.ts';

type SummaryRow = Pick<BacktestRunsTable, 'id' | 'createdAt' | 'venue' | 'symbol' | 'timeframe' | 'fromTs' | 'toTs' | 'strategy' | 'metrics'>;

const summaryOf = (row: SummaryRow): BacktestRunSummary => ({
  id: row.id,
  createdAt: row.createdAt,
  venue: row.venue,
  symbol: row.symbol,
  timeframe: row.timeframe,
  from: row.fromTs,
  to: row.toTs,
  strategy: StrategySchema.parse(JSON.parse(row.strategy)),
  metrics: JSON.parse(row.metrics),
});

export async function saveRun(db: Kysely<Database>, run: BacktestRun): Promise<void> {
  await db
    .insertInto('backtestRuns')
    .values({
      id: run.id,
      createdAt: run.createdAt,
      venue: run.venue,
      symbol: run.symbol,
      timeframe: run.timeframe,
      fromTs: run.from,
      toTs: run.to,
      strategy: JSON.stringify(run.strategy),
      options: JSON.stringify(run.options),
      metrics: JSON.stringify(run.metrics),
      trades: JSON.stringify(run.trades),
      openTrade: run.openTrade === null ? null : JSON.stringify(run.openTrade),
      equity: JSON.stringify(run.equity),
    })
    .execute();
}

/** Newest first, without the trades and the curve (a list of hundreds of runs stays small). */
export async function listRuns(db: Kysely<Database>): Promise<BacktestRunSummary[]> {
  const rows = await db
    .selectFrom('backtestRuns')
    .select(['id', 'createdAt', 'venue', 'symbol', 'timeframe', 'fromTs', 'toTs', 'strategy', 'metrics'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(summaryOf);
}

export async function findRun(db: Kysely<Database>, id: string): Promise<BacktestRun | null> {
  const row = await db.selectFrom('backtestRuns').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    ...summaryOf(row),
    options: JSON.parse(row.options),
    trades: JSON.parse(row.trades),
    openTrade: row.openTrade === null ? null : JSON.parse(row.openTrade),
    equity: JSON.parse(row.equity),
  };
}

/** True when a run was removed. */
export async function deleteRun(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('backtestRuns').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
