import type { Kysely } from 'kysely';
import { legsOf, placedLegs } from '../persistence/alert-legs.repository.ts';
import type { Database } from '../persistence/database.ts';

/**
 * How an accepted alert ends when its bot was stopped before it ran: refused if none of its legs
 * was placed; failed, saying how many were, if the stop came between them (the trader stopped the
 * bot, so the rest is not placed behind their back).
 */
export async function stoppedBefore(db: Kysely<Database>, alertId: number): Promise<{ outcome: 'refused' | 'failed'; reason: string; orderIds: string[] }> {
  const legs = await legsOf(db, alertId);
  const placed = await placedLegs(db, alertId);
  if (placed.length === 0) return { outcome: 'refused', reason: 'The bot was no longer running when the app restarted', orderIds: [] };
  return { outcome: 'failed', reason: `The bot was stopped after ${placed.length} of ${legs.length} legs were placed; the rest were not placed`, orderIds: placed };
}
