import type { Kysely } from 'kysely';
import type { WebhookLogEntry, WebhookOutcome } from '../../../shared/domain/webhook.ts';
import type { AlertsTable, Database } from './database.ts';

export async function saveKeyDigest(db: Kysely<Database>, botId: string, digest: string, ts: number): Promise<void> {
  await db
    .insertInto('webhookKeys')
    .values({ botId, digest, createdAt: ts })
    .onConflict((oc) => oc.column('botId').doUpdateSet({ digest, createdAt: ts }))
    .execute();
}

/** Stores an accepted alert unless its dedupe key is there already; returns its id, or null for a duplicate. */
export async function insertAlertOnce(db: Kysely<Database>, alert: Pick<AlertsTable, 'dedupeKey' | 'botId' | 'receivedAt' | 'commandJson'>): Promise<number | null> {
  const row = await db
    .insertInto('alerts')
    .values({ ...alert, status: 'pending' })
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Alerts accepted (answered 2xx) but never acted on: the app stopped in between. */
export async function pendingAlerts(db: Kysely<Database>): Promise<{ id: number; botId: string; receivedAt: number; commandJson: string; logId: number | null }[]> {
  return db
    .selectFrom('alerts')
    .leftJoin('webhookLog', 'webhookLog.alertId', 'alerts.id')
    .select(['alerts.id', 'alerts.botId', 'alerts.receivedAt', 'alerts.commandJson', 'webhookLog.id as logId'])
    .where('alerts.status', '=', 'pending')
    .orderBy('alerts.id')
    .execute();
}

export async function finishAlert(db: Kysely<Database>, id: number, status: AlertsTable['status'], result: string | null, orderIds: string[]): Promise<void> {
  await db.updateTable('alerts').set({ status, result, orderIdsJson: JSON.stringify(orderIds) }).where('id', '=', id).execute();
}

/** Forgets dedupe keys older than the window (kept well past TradingView's resend window). */
export async function pruneAlerts(db: Kysely<Database>, olderThan: number): Promise<void> {
  await db.updateTable('webhookLog').set({ alertId: null }).where('alertId', 'in', db.selectFrom('alerts').select('id').where('receivedAt', '<', olderThan)).execute();
  await db.deleteFrom('alerts').where('receivedAt', '<', olderThan).execute();
}

export interface NewLogEntry {
  ts: number;
  source: string;
  botId: string | null;
  statusCode: number;
  outcome: WebhookOutcome;
  reason: string | null;
  body: string;
  alertId: number | null;
}

export async function insertLogEntry(db: Kysely<Database>, entry: NewLogEntry): Promise<number> {
  const row = await db.insertInto('webhookLog').values(entry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function finishLogEntry(db: Kysely<Database>, id: number, outcome: WebhookOutcome, reason: string | null, orderIds: string[]): Promise<void> {
  await db.updateTable('webhookLog').set({ outcome, reason, orderIdsJson: JSON.stringify(orderIds) }).where('id', '=', id).execute();
}

export async function listLog(db: Kysely<Database>, filter: { botId?: string | undefined; outcome?: WebhookOutcome | undefined; limit: number }): Promise<WebhookLogEntry[]> {
  let query = db.selectFrom('webhookLog').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.botId) query = query.where('botId', '=', filter.botId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  const rows = await query.execute();
  return rows.map(({ alertId: _alert, orderIdsJson, outcome, ...row }) => ({ ...row, outcome: outcome as WebhookOutcome, orderIds: JSON.parse(orderIdsJson) as string[] }));
}
