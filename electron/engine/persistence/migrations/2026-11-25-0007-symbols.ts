import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

/** A REAL that is finite and positive: NaN arrives as NULL (refused by NOT NULL), ±Infinity fails the bound. */
const positive = (column: string) => `${column} real not null check (typeof(${column}) in ('real', 'integer') and ${column} > 0 and ${column} < 1e300)`;
const notNegative = (column: string) => `${column} real not null check (typeof(${column}) in ('real', 'integer') and ${column} >= 0 and ${column} < 1e300)`;

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'symbols', () => createExchangeSymbols(db));
}

/**
 * The symbols a trader picked on an exchange, with the market rules they had when last enabled (so
 * a paper account can build its instruments before the exchange answers). A disabled symbol keeps
 * its row and its risk multiplier: enabling it again restores the multiplier the trader chose.
 */
async function createExchangeSymbols(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create table exchange_symbols (
    exchange_id text not null check (length(exchange_id) between 1 and 32),
    symbol text not null check (length(symbol) between 1 and 32),
    base text not null,
    quote text not null,
    type text not null check (type in ('spot', 'swap')),
    ${positive('tick_size')},
    ${positive('step_size')},
    ${notNegative('min_notional')},
    ${notNegative('min_qty')},
    risk_multiplier real not null check (typeof(risk_multiplier) in ('real', 'integer') and risk_multiplier > 0 and risk_multiplier <= 10),
    enabled integer not null check (enabled in (0, 1)),
    updated_at integer not null,
    primary key (exchange_id, symbol)
  ) without rowid`).execute(db);
}
