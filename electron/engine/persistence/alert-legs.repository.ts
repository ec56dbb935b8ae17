import type { Kysely, Selectable } from 'kysely';
import type { AlertLegsTable, Database } from './database.ts';

export type AlertLeg = Selectable<AlertLegsTable>;
export type PlannedLeg = Omit<AlertLeg, 'status' | 'reason'>;

/** The whole plan in one transaction: after a crash there is all of it or none of it. */
export async function storePlan(db: Kysely<Database>, legs: readonly PlannedLeg[]): Promise<AlertLeg[]> {
  const rows = legs.map((leg) => ({ ...leg, status: 'pending' as const, reason: null }));
  await db.transaction().execute((trx) => trx.insertInto('alertLegs').values(rows).execute());
  return rows;
}

export async function legsOf(db: Kysely<Database>, alertId: number): Promise<AlertLeg[]> {
  return db.selectFrom('alertLegs').selectAll().where('alertId', '=', alertId).orderBy('leg').execute();
}

export async function finishLeg(db: Kysely<Database>, alertId: number, leg: number, status: 'done' | 'failed', reason: string | null): Promise<void> {
  await db.updateTable('alertLegs').set({ status, reason }).where('alertId', '=', alertId).where('leg', '=', leg).execute();
}

/** The alerts with a leg whose order is in one of `statuses` (still open, say): their bot, command and every leg. */
export async function alertsWithLegsIn(db: Kysely<Database>, statuses: readonly string[]): Promise<{ botId: string; commandJson: string; legs: AlertLeg[] }[]> {
  const alerts = await db
    .selectFrom('alertLegs')
    .innerJoin('orders', 'orders.clientOrderId', 'alertLegs.clientOrderId')
    .innerJoin('alerts', 'alerts.id', 'alertLegs.alertId')
    .select(['alerts.id', 'alerts.botId', 'alerts.commandJson'])
    .where('orders.status', 'in', statuses)
    .distinct()
    .orderBy('alerts.id')
    .execute();
  return Promise.all(alerts.map(async ({ id, botId, commandJson }) => ({ botId, commandJson, legs: await legsOf(db, id) })));
}

/** The order ids of the alert's legs that reached the order book (stored as orders), in leg order. */
export async function placedLegs(db: Kysely<Database>, alertId: number): Promise<string[]> {
  const ids = (await legsOf(db, alertId)).map((l) => l.clientOrderId);
  if (ids.length === 0) return [];
  const placed = new Set((await db.selectFrom('orders').select('clientOrderId').where('clientOrderId', 'in', ids).execute()).map((o) => o.clientOrderId));
  return ids.filter((id) => placed.has(id));
}
