import { oc } from '@orpc/contract';
import { z } from 'zod';
import {
  AccountIdSchema,
  AccountLabelSchema,
  AccountSummarySchema,
  CcxtOptionsSchema,
  ConnectionTestSchema,
  CredentialsSchema,
  CurrencySchema,
  EquityPointSchema,
  ExchangeAccountSchema,
  ExchangeIdSchema,
  ExchangeInfoSchema,
  KeychainStatusSchema,
  StartingBalanceSchema,
} from '../domain/account.ts';
import { InstrumentSchema } from '../domain/instrument.ts';
import { MAX_LIST_LIMIT } from '../domain/limits.ts';
import { queryInt } from './query.ts';

const byId = z.object({ accountId: AccountIdSchema });

export const ExchangeConnectionSchema = z.object({
  accountId: z.string(),
  connected: z.boolean(),
  /** What the last attempt to connect met, in plain words; null when connected. */
  problem: z.string().nullable(),
  /** When the next attempt is due (epoch ms); null when none is scheduled (connected, or the keys were refused). */
  retryAt: z.number().nullable(),
});
export type ExchangeConnection = z.infer<typeof ExchangeConnectionSchema>;
/** Market time in milliseconds, as the equity series is recorded. */
const timestamp = z.preprocess((v) => (typeof v === 'string' && /^\d{1,16}$/.test(v) ? Number(v) : v), z.number().int().min(0).max(8.64e15));

/** A new exchange account. Without `credentials`, a headless host takes the keys from its environment variables. */
export const NewExchangeAccountSchema = z.object({
  accountId: AccountIdSchema,
  exchangeId: ExchangeIdSchema,
  label: AccountLabelSchema,
  sandbox: z.boolean().default(false),
  currency: CurrencySchema.default('USDT'),
  options: CcxtOptionsSchema.default({}),
  credentials: CredentialsSchema.optional(),
});
export type NewExchangeAccount = z.infer<typeof NewExchangeAccountSchema>;

/** Changes to an exchange account; its keys are replaced only when `credentials` is given. */
export const ExchangeAccountPatchSchema = z.object({
  label: AccountLabelSchema.optional(),
  sandbox: z.boolean().optional(),
  options: CcxtOptionsSchema.optional(),
  credentials: CredentialsSchema.optional(),
});
export type ExchangeAccountPatch = z.infer<typeof ExchangeAccountPatchSchema>;

/** A saved account (with unsaved changes on top), or a draft with keys not saved yet. */
export const ConnectionTestRequestSchema = z.union([
  ExchangeAccountPatchSchema.omit({ label: true }).extend({ accountId: AccountIdSchema }),
  z.object({ exchangeId: ExchangeIdSchema, sandbox: z.boolean().default(false), options: CcxtOptionsSchema.default({}), credentials: CredentialsSchema }),
]);
export type ConnectionTestRequest = z.infer<typeof ConnectionTestRequestSchema>;

/** Exchange accounts: their keys go in and never come out (no output here has a field that could hold one). */
const exchangeAccountsContract = {
  exchanges: oc.route({ method: 'GET', path: '/accounts/exchanges' }).input(z.object({}).optional()).output(z.array(ExchangeInfoSchema)),
  keychain: oc.route({ method: 'GET', path: '/accounts/keychain' }).input(z.object({}).optional()).output(KeychainStatusSchema),
  /** What the account's venue trades, with its precision and minimums; UNAVAILABLE while the account is not connected. */
  instruments: oc.route({ method: 'GET', path: '/accounts/{accountId}/instruments' }).input(byId).output(z.array(InstrumentSchema)),
  /** Whether each exchange account's venue is open, and what the last attempt met. */
  connections: oc.route({ method: 'GET', path: '/accounts/exchange/connections' }).input(z.object({}).optional()).output(z.array(ExchangeConnectionSchema)),
  exchangeAccounts: oc.route({ method: 'GET', path: '/accounts/exchange' }).input(z.object({}).optional()).output(z.array(ExchangeAccountSchema)),
  create: oc.route({ method: 'POST', path: '/accounts/exchange' }).input(NewExchangeAccountSchema).output(ExchangeAccountSchema),
  update: oc.route({ method: 'PATCH', path: '/accounts/exchange/{accountId}' }).input(ExchangeAccountPatchSchema.extend({ accountId: AccountIdSchema })).output(ExchangeAccountSchema),
  /** `keysLeftInKeychain`: the keychain could not remove the keys now (locked); they are removed at a later start. */
  remove: oc.route({ method: 'DELETE', path: '/accounts/exchange/{accountId}' }).input(byId).output(z.object({ accountId: z.string(), keysLeftInKeychain: z.boolean() })),
  testConnection: oc.route({ method: 'POST', path: '/accounts/exchange/test' }).input(ConnectionTestRequestSchema).output(ConnectionTestSchema),
};

export const accountsContract = {
  ...exchangeAccountsContract,
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
