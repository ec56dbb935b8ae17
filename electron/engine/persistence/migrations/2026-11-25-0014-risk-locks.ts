import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'risk_locks', () => createRiskLocks(db));
}

/**
 * Entry locks set by the protections (stop-loss guard, cooldown, low-profit symbol). `symbol` '*' locks
 * every symbol of the account. A lock is never deleted: lifting stamps it, so the history stays. The
 * unique key makes evaluating the same closed trade twice (a replayed update, a restart) store one lock.
 */
async function createRiskLocks(db: Kysely<unknown>): Promise<void> {
  await sql`create table risk_locks (
    id integer primary key autoincrement,
    account_id text not null check (length(account_id) between 1 and 64),
    symbol text not null check (length(symbol) between 1 and 32),
    rule text not null check (rule in ('stop_loss_guard', 'cooldown', 'low_profit')),
    reason text not null check (length(reason) between 1 and 500),
    since integer not null,
    until integer not null check (until > since),
    lifted_at integer,
    lifted_by text check (lifted_by is null or length(lifted_by) between 1 and 32),
    unique (account_id, symbol, rule, since)
  )`.execute(db);
  await sql`create index risk_locks_account_until on risk_locks (account_id, until)`.execute(db);
}
