import type { Kysely } from 'kysely';
import type { Database } from '../persistence/database.ts';
import { placedLegs } from '../persistence/alert-legs.repository.ts';

/** An age as a trader says it: "40 s", "12 minutes", "5 hours", "3 days". */
export function showAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * Why an accepted alert is too old to start trading now, or null. The age limit guards more than
 * intake: an alert that waited (across a restart, or behind a stuck queue) would be traded at a
 * price it was never sent for. An alert with a leg already placed is finished whatever its age:
 * the trader is half in, and stopping there would leave a position nobody asked for.
 */
export async function tooOldToStart(
  db: Kysely<Database>,
  alert: { id: number; receivedAt: number },
  now: number,
  maxAgeSeconds: number,
  waited: 'restart' | 'queue',
): Promise<string | null> {
  const age = now - alert.receivedAt;
  if (maxAgeSeconds <= 0 || age <= maxAgeSeconds * 1000) return null;
  if ((await placedLegs(db, alert.id)).length > 0) return null;
  const why = waited === 'restart' ? 'before StoxRobot stopped' : 'and waited behind other alerts';
  return `Received ${showAge(age)} ago, ${why}; too old to trade now (the age limit is ${maxAgeSeconds} s)`;
}
