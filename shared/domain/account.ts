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

/** The credential fields ccxt knows (`password` is OKX's passphrase); keys never leave the engine once given. */
export const CREDENTIAL_FIELDS = ['apiKey', 'secret', 'password', 'uid', 'login', 'twofa', 'privateKey', 'walletAddress', 'token', 'accountId'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** Keys as the trader types them: surrounding spaces and line breaks of a paste are dropped. Write-only: no output carries them. */
export const CredentialsSchema = z.partialRecord(z.enum(CREDENTIAL_FIELDS), z.string().trim().min(1, 'Required').max(4096, 'At most 4096 characters'));

export const MAX_OPTIONS_BYTES = 16 * 1024;
const MAX_OPTIONS_DEPTH = 16;
/** Object keys that could carry a key inside the options (compared without - and _). */
const CREDENTIAL_KEY = /apikey|secret|password|passphrase|privatekey|walletaddress|authorization|^(uid|login|twofa|token|accountid|cookie)$/i;
/** Keys that reach an object's prototype when ccxt deep-merges the options into its own. */
const PROTOTYPE_KEY = /^(__proto__|constructor|prototype)$/;

/** The first key, at any depth, that options may not hold; null when there is none. */
function forbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > MAX_OPTIONS_DEPTH) return `nesting deeper than ${MAX_OPTIONS_DEPTH} levels`;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (PROTOTYPE_KEY.test(key) || CREDENTIAL_KEY.test(key.replace(/[-_]/g, ''))) return `"${key}"`;
    const found = forbiddenKey(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Advanced ccxt options (as freqtrade's `ccxt_config`): a JSON object of at most 16 KB, without
 * credentials, which belong in the keychain and not in the database this is stored in.
 */
export const CcxtOptionsSchema = z
  // Checked as it arrived (a record schema would copy it, and an own "__proto__" key would vanish in the copy).
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype, 'Options must be a JSON object, such as {"options": {"defaultType": "spot"}}')
  .superRefine((options, ctx) => {
    const bytes = new TextEncoder().encode(JSON.stringify(options)).length;
    if (bytes > MAX_OPTIONS_BYTES) ctx.addIssue({ code: 'custom', message: `Options are ${bytes.toLocaleString('en-US')} bytes; at most ${MAX_OPTIONS_BYTES.toLocaleString('en-US')} are allowed` });
    const key = forbiddenKey(options);
    if (key) ctx.addIssue({ code: 'custom', message: `Options may not hold ${key}: keys and passwords go in the credential fields, which are kept in the keychain` });
  });
export type CcxtOptions = z.infer<typeof CcxtOptionsSchema>;

export const ExchangeIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'An exchange id as ccxt spells it, such as binance or okx');
export const AccountLabelSchema = z.string().trim().min(1, 'Label is required').max(80, 'At most 80 characters');

/** One exchange ccxt supports, as the accounts page lists it. */
export const ExchangeInfoSchema = z.object({ id: z.string(), name: z.string(), credentials: z.array(z.string().max(32)), hasSandbox: z.boolean() });
export type ExchangeInfoView = z.infer<typeof ExchangeInfoSchema>;

/** Where an account's keys come from; `missing` when neither the keychain nor the environment has them now. */
export const KeySourceSchema = z.enum(['keychain', 'environment', 'missing']);

/** An exchange account as the renderer sees it: whether keys are configured and the API key's last 4 characters, nothing more. */
export const ExchangeAccountSchema = z.object({
  id: z.string(),
  exchangeId: z.string(),
  label: z.string(),
  sandbox: z.boolean(),
  currency: z.string(),
  /** Checked on the way out as on the way in: an answer that would carry a credential key fails instead. */
  options: CcxtOptionsSchema,
  configured: z.boolean(),
  keySource: KeySourceSchema,
  /** At most 4 characters, so no answer can carry more of a key even by mistake. */
  apiKeyLast4: z.string().max(4).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ExchangeAccount = z.infer<typeof ExchangeAccountSchema>;

export const KeychainStatusSchema = z.object({
  usable: z.boolean(),
  /** Why not and what to do, when it is not usable. */
  message: z.string().nullable(),
  /** Accounts whose keys the host was given in environment variables at start (ids only). */
  environmentAccounts: z.array(z.string()),
});
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;

export const ConnectionTestSchema = z.object({
  markets: z.number(),
  balances: z.array(z.object({ currency: z.string(), total: z.number(), free: z.number() })),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

/** What a trader calls each credential field (ccxt's `password` is what OKX and others call the passphrase). */
export const CREDENTIAL_LABELS: Record<CredentialField, string> = {
  apiKey: 'API key',
  secret: 'Secret',
  password: 'Passphrase',
  uid: 'User id',
  login: 'Login',
  twofa: 'Two-factor secret',
  privateKey: 'Private key',
  walletAddress: 'Wallet address',
  token: 'Token',
  accountId: 'Exchange account id',
};
