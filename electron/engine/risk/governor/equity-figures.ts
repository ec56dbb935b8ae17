import type { Kysely } from 'kysely';
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
  /** The first point whose fall from the running peak was more than the limit; null when none. */
  firstBeyond: { ts: number; equity: number; peak: number } | null;
}

interface Fold extends RecordedDrawdown {
  /** What the fold was made for: a new epoch, a lift (a new start) or a new limit starts it again. */
  key: string;
  lastTs: number;
}

/**
 * Peak-to-trough over the recorded series, folded as it grows: each evaluation reads only the rows
 * since the last one (re-reading the last, which a later write at the same market time replaces),
 * so an entry costs the same after a year of minutes as after a day. The first evaluation after a
 * start reads the whole span once. A fall is "beyond" when peak - equity > limit x peak.
 */
export class DrawdownFolds {
  readonly #folds = new Map<string, Fold>();

  async recorded(db: Kysely<Database>, span: Span, limit: number): Promise<RecordedDrawdown | null> {
    const key = `${span.epoch}|${span.from}|${limit}`;
    const previous = this.#folds.get(span.accountId);
    const fold: Fold = previous?.key === key ? { ...previous } : { key, lastTs: Number.NEGATIVE_INFINITY, peak: Number.NEGATIVE_INFINITY, firstBeyond: null };
    const rows = await db
      .selectFrom('accountEquity')
      .select(['ts', 'equity'])
      .where('accountId', '=', span.accountId)
      .where('epoch', '=', span.epoch)
      .where('ts', '>=', Math.max(span.from, fold.lastTs))
      .where('ts', '<=', span.to)
      .orderBy('ts')
      .execute();
    for (const { ts, equity } of rows) {
      fold.peak = Math.max(fold.peak, equity);
      if (!fold.firstBeyond && fold.peak > 0 && fold.peak - equity > limit * fold.peak) fold.firstBeyond = { ts, equity, peak: fold.peak };
      fold.lastTs = ts;
    }
    this.#folds.set(span.accountId, fold);
    return Number.isFinite(fold.peak) ? { peak: fold.peak, firstBeyond: fold.firstBeyond } : null;
  }
}
