import { type Kysely, sql } from 'kysely';
import { allOrNothing } from './all-or-nothing.ts';

// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await allOrNothing(db, 'order_source', () => addOrderSource(db));
}

/**
 * Who placed each order. Older rows are read back from what they left behind: alert legs carry
 * `sr-alert-…` ids, protective closes are named in `protections.closing_order_id`, the emergency
 * stop listed its closes in the audit log, adopted orders say so in their first event; the rest
 * came from a bot's strategy.
 */
async function addOrderSource(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column source text not null default 'strategy'
    check (source in ('strategy', 'alert', 'manual', 'protection', 'emergency'))`.execute(db);
  await sql`update orders set source = 'alert' where client_order_id like 'sr-alert-%'`.execute(db);
  await sql`update orders set source = 'protection'
    where client_order_id in (select closing_order_id from protections where closing_order_id is not null)`.execute(db);
  await sql`update orders set source = 'emergency' where client_order_id in (
    select j.value from audit_log a, json_each(case when json_valid(a.detail_json) then a.detail_json else '{}' end, '$.closes') j
    where a.action in ('emergency_stop.round', 'emergency_stop.done')
  )`.execute(db);
  await sql`update orders set source = 'manual' where client_order_id in (
    select client_order_id from order_events where kind = 'submitted' and detail like 'Adopted by the trader%'
  )`.execute(db);
}
