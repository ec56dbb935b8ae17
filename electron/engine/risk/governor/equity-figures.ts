import { type Kysely, sql } from 'kysely';
import type { Database } from '../../persistence/database.ts';

/** Equity points of the account's current epoch from `from` on (market time); what both figures read. */
interface Span {
  accountId: string;
  epoch: number;
  from: number;
  to: number;
}

/**
 * The day's opening equity: the last point at or before the reset, or, when the epoch began later
 * (the account was reset today), the epoch's first point. Null with no point at all.
 */
export async function openingEquity(db: Kysely<Database>, span: Span): Promise<number | null> {
  const before = await db
    .selectFrom('accountEquity')
    .select('equity')
    .where('accountId', '=', span.accountId)
    .where('epoch', '=', span.epoch)
    .where('ts', '<=', span.from)
    .orderBy('ts', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (before) return before.equity;
  const after = await db.selectFrom('accountEquity').select('equity').where('accountId', '=', span.accountId).where('epoch', '=', span.epoch).where('ts', '<=', span.to).orderBy('ts').limit(1).executeTakeFirst();
  return after?.equity ?? null;
}

/** The first recorded point in the span (after its start) at or below `floor`. */
export async function firstAtOrBelow(db: Kysely<Database>, span: Span, floor: number): Promise<{ ts: number; equity: number } | null> {
  const row = await db
    .selectFrom('accountEquity')
    .select(['ts', 'equity'])
    .where('accountId', '=', span.accountId)
    .where('epoch', '=', span.epoch)
    .where('ts', '>', span.from)
    .where('ts', '<=', span.to)
    .where('equity', '<=', floor)
    .orderBy('ts')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export interface RecordedDrawdown {
  peak: number;
  /** Largest fall from a running peak, as a fraction of that peak (0.1 = 10 %). */
  worst: number;
  /** The first point whose fall from the running peak was more than `limit`; null when none. */
  firstBeyond: { ts: number; equity: number; peak: number } | null;
}

/** Peak-to-trough over the recorded series, in SQLite (a window function): no series is read into memory. */
export async function recordedDrawdown(db: Kysely<Database>, span: Span, limit: number): Promise<RecordedDrawdown | null> {
  const running = sql`select ts, equity, max(equity) over (order by ts rows between unbounded preceding and current row) as peak
    from account_equity where account_id = ${span.accountId} and epoch = ${span.epoch} and ts >= ${span.from} and ts <= ${span.to}`;
  const summary = await sql<{ peak: number | null; worst: number | null }>`with s as (${running})
    select max(peak) as peak, max(case when peak > 0 then (peak - equity) / peak else 0 end) as worst from s`.execute(db);
  const head = summary.rows[0];
  if (head?.peak === null || head?.peak === undefined) return null;
  const beyond = await sql<{ ts: number; equity: number; peak: number }>`with s as (${running})
    select ts, equity, peak from s where peak > 0 and (peak - equity) > ${limit} * peak order by ts limit 1`.execute(db);
  return { peak: head.peak, worst: head.worst ?? 0, firstBeyond: beyond.rows[0] ?? null };
}
