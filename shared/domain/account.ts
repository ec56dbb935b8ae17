import { z } from 'zod';
import { MAX_ID_LENGTH } from './limits.ts';

/** Accounts are named like bots' `account` field: `paper` today, exchange accounts later. */
export const AccountIdSchema = z.string().min(1).max(MAX_ID_LENGTH).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

export const CurrencySchema = z.string().regex(/^[A-Z0-9]{1,12}$/, 'Currency codes are 1 to 12 capital letters or digits');

/** The largest starting balance a trader may set; far beyond any real account, far below float trouble. */
export const MAX_STARTING_BALANCE = 1e12;

export const StartingBalanceSchema = z.object({
  currency: CurrencySchema,
  amount: z
    .number({ error: 'Amount must be a number' })
    .nonnegative('Amount cannot be negative')
    .max(MAX_STARTING_BALANCE, `Amount must be at most ${MAX_STARTING_BALANCE.toLocaleString('en-US')}`),
});
export type StartingBalance = z.infer<typeof StartingBalanceSchema>;

/** One currency of an account: what it holds, what open orders and shorts hold back, what is left to spend. */
export const BalanceSchema = z.object({
  currency: z.string(),
  total: z.number(),
  reserved: z.number(),
  free: z.number(),
});
export type Balance = z.infer<typeof BalanceSchema>;

export const AccountSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['paper', 'exchange']),
  /** The currency equity and collateral are counted in (USDT for the paper account). */
  currency: z.string(),
  /** Each reset starts a new epoch; fills, balances and equity of earlier epochs stay apart. */
  epoch: z.number(),
  epochStartedAt: z.number(),
  balances: z.array(BalanceSchema),
  /** Balances plus open positions at the mark, in `currency`; null while a held currency has no price yet. */
  equity: z.number().nullable(),
  /** How many open orders hold funds back, and how much of `currency` they hold. */
  openOrders: z.number(),
  reservedByOrders: z.number(),
  /** Quote held against short positions: the sale proceeds plus 1x collateral, at the mark. */
  heldForShorts: z.number(),
  /** Balances the next reset starts from. */
  startingBalances: z.array(StartingBalanceSchema),
  /** Currencies the account can hold: its own and every instrument's base. */
  currencies: z.array(z.string()),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

export const EquityPointSchema = z.object({ ts: z.number(), equity: z.number(), epoch: z.number() });
export type EquityPoint = z.infer<typeof EquityPointSchema>;
