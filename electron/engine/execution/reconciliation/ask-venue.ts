import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import type { Database } from '../../persistence/database.ts';
import type { Clock } from '../../ports/clock.ts';
import type { ReconcileTarget } from './target.ts';

export interface DecisionContext {
  db: Kysely<Database>;
  clock: Clock;
  target: ReconcileTarget;
}

/** What the venue said when asked again; a venue that cannot answer now is a temporary failure. */
export async function askVenue<T>(question: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await question());
  } catch (error) {
    return fail('UNAVAILABLE', `The venue did not answer (${error instanceof Error ? error.message.slice(0, 200) : 'no reason given'}); try again in a moment`);
  }
}
