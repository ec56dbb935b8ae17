import type { Kysely } from 'kysely';
import { isStopType } from '../../../shared/domain/order.ts';
import type { Database } from '../persistence/database.ts';
import { systemClock } from '../ports/clock.ts';
import { silentLogger } from '../ports/logger.ts';
import type { PaperVenue } from '../venues/paper/paper-venue.ts';
import { reconcileAccount } from './reconciliation/reconcile-account.ts';
import type { ReconcileOrders, ReconcileTarget } from './reconciliation/target.ts';

/**
 * The paper account as the reconciler sees it. The simulator keeps no state of its own: at start
 * the resting limit and stop orders are put back; then the generic rules apply: an order still
 * PENDING_SUBMIT never reached it (the paper venue answers in the same transaction), so it is
 * rejected with the reason said plainly; a cancel that was requested is completed.
 */
export function paperTarget(orders: ReconcileOrders, venue: PaperVenue, lastPrice: (symbol: string) => number | null): ReconcileTarget {
  return {
    accountId: venue.id,
    venue,
    orders,
    lastPrice,
    restore: (open) => {
      const rests = (o: (typeof open)[number]) => (o.type === 'LIMIT' && o.price !== null) || (isStopType(o.type) && o.triggerPrice !== null);
      const resting = open.filter((o) => (o.status === 'ACCEPTED' || o.status === 'PARTIALLY_FILLED') && rests(o));
      venue.restoreResting(resting.map((o) => ({ ...o, qty: o.qty - o.filledQty })));
    },
  };
}

/** One start-up reconciliation of the paper account, without the reconciler's retries (tests that restart by hand). */
export async function reconcilePaperOrders(db: Kysely<Database>, orders: ReconcileOrders, venue: PaperVenue): Promise<void> {
  const target = paperTarget(orders, venue, (symbol) => venue.lastPrice(symbol));
  await reconcileAccount(target, { db, clock: systemClock, logger: silentLogger, unknownGraceMs: 0, fillsMarginMs: 0, sleep: async () => undefined, firstRun: true });
}
