import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'bot_sizing', () => addBotSizing(db));
}

/**
 * How each bot sizes and limits its entries, as JSON (the shared schema checks its fields when
 * read). Bots stored before have none: they keep trading their order size, as they did.
 */
async function addBotSizing(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bots add column sizing_json text check (sizing_json is null or json_valid(sizing_json))`.execute(db);
}
