import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'exchange_accounts', () => createExchangeAccounts(db));
}

/**
 * What an exchange account is, beside its `accounts` row. The keys are not here: `secret_ref` names
 * the OS keychain entry holding them (null when the host reads them from its environment), and
 * `api_key_last4` is all of the key the trader is shown.
 */
async function createExchangeAccounts(db: Kysely<unknown>): Promise<void> {
  await sql`create table exchange_accounts (
    account_id text primary key references accounts (id),
    exchange_id text not null check (length(exchange_id) between 1 and 64),
    label text not null check (length(label) between 1 and 80),
    sandbox integer not null check (sandbox in (0, 1)),
    options_json text not null check (json_valid(options_json) and json_type(options_json) = 'object' and length(cast(options_json as blob)) <= 16384),
    secret_ref text unique,
    api_key_last4 text check (length(api_key_last4) <= 4),
    created_at integer not null,
    updated_at integer not null
  ) without rowid`.execute(db);
}
