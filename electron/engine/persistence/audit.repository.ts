import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  detail: Record<string, unknown>;
}

/** Who changed what, for the trader's own record. Callers never put secrets in `detail`. */
export async function appendAudit(db: Kysely<Database>, ts: number, entry: AuditEntry): Promise<void> {
  const { detail, ...rest } = entry;
  await db.insertInto('auditLog').values({ ts, ...rest, detailJson: JSON.stringify(detail) }).execute();
}
