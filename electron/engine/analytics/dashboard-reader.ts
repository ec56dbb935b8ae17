import { type Kysely, sql } from 'kysely';
import type { Dashboard, DashboardInput } from '../../../shared/contract/analytics.ts';
import type { Database } from '../persistence/database.ts';
import { buildDashboard } from './dashboard.ts';

const inMode = (accountId: string, mode: 'paper' | 'live') => (accountId === 'paper') === (mode === 'paper');

/**
 * The accounts' capital: each account's first recorded equity since its last reset (the latest
 * epoch), summed over the accounts of the mode; null when none has a point yet.
 */
async function capitalOf(reads: Kysely<Database>, mode: 'paper' | 'live'): Promise<number | null> {
  const rows = await reads
    .selectFrom('accountEquity as e')
    .select(['e.accountId', 'e.equity'])
    .where(({ eb, selectFrom }) =>
      eb(
        'e.ts',
        '=',
        selectFrom('accountEquity as f')
          .select(sql<number>`min(f.ts)`.as('first'))
          .whereRef('f.accountId', '=', 'e.accountId')
          .where('f.epoch', '=', selectFrom('accountEquity as g').select(sql<number>`max(g.epoch)`.as('epoch')).whereRef('g.accountId', '=', 'e.accountId')),
      ),
    )
    .execute();
  const kept = rows.filter((r) => inMode(r.accountId, mode));
  return kept.length === 0 ? null : kept.reduce((sum, r) => sum + r.equity, 0);
}

/**
 * The dashboard from the read-only connection: closed trades in the range and mode, the bots of
 * the mode (deleted ones only through their trades), and the open positions' unrealised P&L.
 */
export async function readDashboard(reads: Kysely<Database>, input: Required<Pick<DashboardInput, 'mode'>> & Omit<DashboardInput, 'mode'>, openPnl: readonly { botId: string; unrealizedPnl: number }[]): Promise<Dashboard> {
  const { mode } = input;
  let query = reads
    .selectFrom('trades')
    .innerJoin('bots', 'bots.id', 'trades.botId')
    .select(['trades.botId', 'bots.name as botName', 'trades.symbol', 'trades.realizedPnl as pnl', 'trades.fees', 'trades.openedAt', 'trades.closedAt'])
    .where('trades.accountId', mode === 'paper' ? '=' : '<>', 'paper')
    .orderBy('trades.closedAt');
  if (input.from !== undefined) query = query.where('trades.closedAt', '>=', input.from);
  if (input.to !== undefined) query = query.where('trades.closedAt', '<=', input.to);
  const [trades, bots] = await Promise.all([query.execute(), reads.selectFrom('bots').select(['id', 'name', 'account']).where('deletedAt', 'is', null).execute()]);
  const kept = bots.filter((b) => inMode(b.account, mode));
  const keptIds = new Set(kept.map((b) => b.id));
  const unrealized = new Map<string, number>();
  for (const p of openPnl) if (keptIds.has(p.botId) && p.unrealizedPnl !== 0) unrealized.set(p.botId, (unrealized.get(p.botId) ?? 0) + p.unrealizedPnl);
  return buildDashboard(trades, unrealized, new Map(kept.map((b) => [b.id, b.name])), await capitalOf(reads, mode));
}
