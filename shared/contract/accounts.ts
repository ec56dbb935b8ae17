import { oc } from '@orpc/contract';
import { z } from 'zod';
import { AccountIdSchema, AccountSummarySchema, EquityPointSchema, StartingBalanceSchema } from '../domain/account.ts';
import { MAX_LIST_LIMIT } from '../domain/limits.ts';
import { queryInt } from './query.ts';

const byId = z.object({ accountId: AccountIdSchema });
/** Market time in milliseconds, as the equity series is recorded. */
const timestamp = z.preprocess((v) => (typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v), z.number().int().min(0).max(8.64e15));

export const accountsContract = {
  list: oc.route({ method: 'GET', path: '/accounts' }).input(z.object({}).optional()).output(z.array(AccountSummarySchema)),
  equity: oc
    .route({ method: 'GET', path: '/accounts/{accountId}/equity' })
    .input(byId.extend({ from: timestamp.optional(), to: timestamp.optional(), limit: queryInt(1, MAX_LIST_LIMIT).default(1000) }))
    .output(z.array(EquityPointSchema)),
  configure: oc
    .route({ method: 'PUT', path: '/accounts/{accountId}/starting-balances' })
    .input(
      byId.extend({
        startingBalances: z
          .array(StartingBalanceSchema)
          .max(50, 'At most 50 currencies')
          .refine((list) => new Set(list.map((b) => b.currency)).size === list.length, 'Each currency may appear once'),
      }),
    )
    .output(AccountSummarySchema),
  reset: oc.route({ method: 'POST', path: '/accounts/{accountId}/reset' }).input(byId).output(AccountSummarySchema),
};
