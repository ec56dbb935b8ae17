import { oc } from '@orpc/contract';
import { z } from 'zod';
import { AccountIdSchema } from '../domain/account.ts';
import { MAX_ID_LENGTH } from '../domain/limits.ts';

/**
 * What a reconciliation found that it could not settle on its own:
 * - `unknown_order`: we hold an order open that the venue has no record of;
 * - `foreign_order`: the venue holds an open order with our id prefix that we have no row for;
 * - `open_at_venue`: the venue still has open an order we hold as finished;
 * - `position`: a derivatives position differs between the venue and our bots;
 * - `balance`: the venue holds less of a currency than our bots' positions say.
 */
export const MismatchKindSchema = z.enum(['unknown_order', 'foreign_order', 'open_at_venue', 'position', 'balance']);
export type MismatchKind = z.infer<typeof MismatchKindSchema>;

/** adopt: take the venue's view into ours; cancel: cancel the order at the venue; mark_closed: close ours without the venue. */
export const MismatchActionSchema = z.enum(['adopt', 'cancel', 'mark_closed']);
export type MismatchAction = z.infer<typeof MismatchActionSchema>;

export const MismatchSchema = z.object({
  /** Stable across runs while the same thing differs: `kind:order-or-symbol`. */
  id: z.string(),
  accountId: z.string(),
  kind: MismatchKindSchema,
  symbol: z.string(),
  clientOrderId: z.string().nullable(),
  /** What we think and what the venue says, in plain words with quantities. */
  ours: z.string(),
  venue: z.string(),
  ourQty: z.number().nullable(),
  venueQty: z.number().nullable(),
  actions: z.array(MismatchActionSchema),
  /** Bots of the account that may take what is adopted (adopt needs one of them). */
  botIds: z.array(z.string()),
});
export type Mismatch = z.infer<typeof MismatchSchema>;

export const ReconcileStateSchema = z.enum(['reconciling', 'ready', 'failed']);
export type ReconcileState = z.infer<typeof ReconcileStateSchema>;

/** One account's reconciliation: bots place no new order on it until `state` is `ready`. */
export const AccountReconciliationSchema = z.object({
  accountId: z.string(),
  state: ReconcileStateSchema,
  /** Why it failed (the venue is down, the keys were refused), in plain words; null otherwise. */
  reason: z.string().nullable(),
  /** When the last run finished, and when the next attempt is due after a failure (wall time, ms). */
  lastFinishedAt: z.number().nullable(),
  nextAttemptAt: z.number().nullable(),
  mismatches: z.array(MismatchSchema),
});
export type AccountReconciliation = z.infer<typeof AccountReconciliationSchema>;

const byAccount = z.object({ accountId: AccountIdSchema });

export const ResolveMismatchSchema = byAccount.extend({
  mismatchId: z.string().min(1).max(200),
  action: MismatchActionSchema,
  /** For adopt: the bot that takes the order or the position. */
  botId: z.string().min(1).max(MAX_ID_LENGTH).optional(),
});
export type ResolveMismatch = z.infer<typeof ResolveMismatchSchema>;

export const reconcileContract = {
  list: oc.route({ method: 'GET', path: '/reconcile' }).input(z.object({}).optional()).output(z.array(AccountReconciliationSchema)),
  run: oc.route({ method: 'POST', path: '/reconcile/{accountId}/run' }).input(byAccount).output(AccountReconciliationSchema),
  resolve: oc.route({ method: 'POST', path: '/reconcile/{accountId}/resolve' }).input(ResolveMismatchSchema).output(AccountReconciliationSchema),
};
