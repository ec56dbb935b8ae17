import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'risk_governor', async () => {
    await createRiskLimits(db);
    await createGovernorLocks(db);
  });
}

/** The account-wide limits, one row per account; a null limit is off. */
async function createRiskLimits(db: Kysely<unknown>): Promise<void> {
  await sql`create table risk_limits (
    account_id text primary key,
    max_open_positions integer check (max_open_positions is null or max_open_positions >= 0),
    max_symbol_exposure real check (max_symbol_exposure is null or max_symbol_exposure >= 0),
    max_total_exposure real check (max_total_exposure is null or max_total_exposure >= 0),
    daily_loss_limit real check (daily_loss_limit is null or daily_loss_limit > 0),
    daily_reset_time text not null default '00:00' check (length(daily_reset_time) = 5),
    time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64),
    max_drawdown_pct real check (max_drawdown_pct is null or (max_drawdown_pct > 0 and max_drawdown_pct <= 100)),
    max_price_age_seconds integer check (max_price_age_seconds is null or max_price_age_seconds > 0),
    updated_at integer not null
  )`.execute(db);
}

/**
 * Locks the governor engaged: a daily loss lock ends at the next daily reset (until), a drawdown
 * lock only when the trader lifts it (lifted_at). Kept after they end, as the account's record.
 */
async function createGovernorLocks(db: Kysely<unknown>): Promise<void> {
  await sql`create table risk_governor_locks (
    id integer primary key autoincrement,
    account_id text not null,
    kind text not null check (kind in ('daily_loss', 'drawdown')),
    since integer not null,
    until integer,
    reason text not null check (length(reason) between 1 and 1000),
    lifted_at integer,
    lifted_by text check (lifted_by is null or length(lifted_by) between 1 and 32)
  )`.execute(db);
  await sql`create index risk_governor_locks_account on risk_governor_locks (account_id, kind, id)`.execute(db);
}
