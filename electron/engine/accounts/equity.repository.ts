import type { Insertable, Kysely } from 'kysely';
import type { EquityPoint } from '../../../shared/domain/account.ts';
import type { AccountEquityTable, Database } from '../persistence/database.ts';

/** Rows per statement: 4 parameters each, well under SQLite's 32,766 bound-parameter limit. */
const CHUNK = 1000;

/** Writes equity rows; a second row at the same market time replaces the first (the later state wins). */
export async function upsertEquity(db: Kysely<Database>, rows: readonly Insertable<AccountEquityTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('accountEquity')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['accountId', 'ts']).doUpdateSet((eb) => ({ equity: eb.ref('excluded.equity'), epoch: eb.ref('excluded.epoch') })))
      .execute();
  }
}

/**
 * The account's equity between two market times (inclusive), oldest first: what the equity curve,
 * daily loss and drawdown read. With a limit, the latest `limit` points of the range.
 */
export async function equitySeries(db: Kysely<Database>, accountId: string, from: number, to: number, limit = Number.MAX_SAFE_INTEGER): Promise<EquityPoint[]> {
  const rows = await db
    .selectFrom('accountEquity')
    .select(['ts', 'equity', 'epoch'])
    .where('accountId', '=', accountId)
    .where('ts', '>=', from)
    .where('ts', '<=', to)
    .orderBy('ts', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
