import type { Kysely, Selectable } from 'kysely';
import type { RiskLimits } from '../../../../shared/contract/risk-limits.ts';
import type { Database, RiskLimitsTable } from '../../persistence/database.ts';

export interface StoredLimits {
  limits: RiskLimits;
  updatedAt: number;
}

const toLimits = ({ accountId: _account, updatedAt: _updated, ...limits }: Selectable<RiskLimitsTable>): RiskLimits => limits;

export async function readLimits(db: Kysely<Database>, accountId: string): Promise<StoredLimits | null> {
  const row = await db.selectFrom('riskLimits').selectAll().where('accountId', '=', accountId).executeTakeFirst();
  return row ? { limits: toLimits(row), updatedAt: row.updatedAt } : null;
}

export async function readAllLimits(db: Kysely<Database>): Promise<Map<string, StoredLimits>> {
  const rows = await db.selectFrom('riskLimits').selectAll().execute();
  return new Map(rows.map((row) => [row.accountId, { limits: toLimits(row), updatedAt: row.updatedAt }]));
}

export async function writeLimits(db: Kysely<Database>, accountId: string, limits: RiskLimits, updatedAt: number): Promise<void> {
  await db
    .insertInto('riskLimits')
    .values({ accountId, ...limits, updatedAt })
    .onConflict((c) => c.column('accountId').doUpdateSet({ ...limits, updatedAt }))
    .execute();
}
