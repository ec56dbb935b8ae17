import type { Kysely } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'bot_exits', async () => {
    // A bot's exits (stop-loss, take-profit ladder, trailing, break-even) as JSON; existing bots have none.
    await db.schema.alterTable('bots').addColumn('exits_json', 'text').execute();
    // Those exits worked out for the open position: prices, filled take-profits, the trailing mark.
    await db.schema.alterTable('protections').addColumn('exit_plan_json', 'text').execute();
  });
}
