import { z } from 'zod';

export const ALERT_ACTIONS = ['buy', 'sell', 'long', 'short', 'exit_long', 'exit_short', 'close', 'close_all', 'reverse'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export const AMOUNT_TYPES = ['base', 'quote', 'percent_equity', 'contracts'] as const;
export type AmountType = (typeof AMOUNT_TYPES)[number];

/** A price level given as a price, or as a percent away from the entry. */
export interface PriceLevel {
  price?: number;
  percent?: number;
}

/** A parsed, validated alert: what the trader asked for, before it is checked against the bot. */
export interface AlertCommand {
  bot: string;
  passphrase: string;
  action: AlertAction;
  symbol: string | null;
  amount: number | null;
  amountType: AmountType;
  orderType: 'market' | 'limit';
  price: number | null;
  stopLoss: PriceLevel | null;
  takeProfit: PriceLevel | null;
  id: string | null;
  time: number | null;
  comment: string | null;
}

export const WEBHOOK_OUTCOMES = ['accepted', 'executed', 'failed', 'refused', 'duplicate', 'stale', 'unauthorized', 'invalid', 'rate_limited', 'too_large', 'error'] as const;
export const WebhookOutcomeSchema = z.enum(WEBHOOK_OUTCOMES);
export type WebhookOutcome = z.infer<typeof WebhookOutcomeSchema>;

export const WebhookLogEntrySchema = z.object({
  id: z.number(),
  ts: z.number(),
  source: z.string(),
  botId: z.string().nullable(),
  statusCode: z.number(),
  outcome: WebhookOutcomeSchema,
  reason: z.string().nullable(),
  /** The request body as received, with the passphrase masked. */
  body: z.string(),
  orderIds: z.array(z.string()),
});
export type WebhookLogEntry = z.infer<typeof WebhookLogEntrySchema>;

export const TRUSTED_PROXIES = ['off', 'x-forwarded-for', 'cf-connecting-ip'] as const;
export const TrustedProxySchema = z.enum(TRUSTED_PROXIES);
export type TrustedProxy = z.infer<typeof TrustedProxySchema>;

export const WebhookSettingsSchema = z.object({
  host: z.string().min(1).max(64),
  port: z.number().int().min(0).max(65535),
  /** Alerts whose `time`/`timenow` is older than this many seconds are refused as stale (0: off). */
  maxAgeSeconds: z.number().int().min(0).max(86_400),
  /** Accept only TradingView's published addresses (for direct exposure without a tunnel). */
  allowTradingViewIpsOnly: z.boolean(),
  /** Alerts per second per bot (counted once its passphrase is checked), and the burst allowed above it. */
  rateLimitPerSecond: z.number().min(0.1).max(100_000),
  rateLimitBurst: z.number().int().min(1).max(100_000),
  /**
   * Behind a tunnel (cloudflared, ngrok) every request comes from this computer: read the sender's
   * address from the tunnel's header instead. Honoured only for requests from this computer.
   */
  trustedProxy: TrustedProxySchema.default('off'),
  /** The webhook log keeps entries this many days (0: no age limit) and at most this many entries. */
  logRetentionDays: z.number().int().min(0).max(3650).default(30),
  logMaxEntries: z.number().int().min(1000).max(1_000_000).default(50_000),
});
export type WebhookSettings = z.infer<typeof WebhookSettingsSchema>;

export const WebhookStatusSchema = z.object({
  listening: z.boolean(),
  url: z.string().nullable(),
  error: z.string().nullable(),
  exposed: z.boolean(),
  settings: WebhookSettingsSchema,
});
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;
