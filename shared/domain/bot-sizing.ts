import { z } from 'zod';

/**
 * How a bot sizes each entry: `base` trades the bot's order size (`orderQty`) as it is; `quote`
 * spends `amount` of the quote currency; `percent_equity` spends `amount` % of the account's equity;
 * `risk` loses `amount` % of equity if the stop-loss is hit (qty = equity·% / |entry − stop|).
 */
export const SIZING_MODES = ['base', 'quote', 'percent_equity', 'risk'] as const;
export type SizingMode = (typeof SIZING_MODES)[number];

export const COOLDOWN_UNITS = ['minutes', 'bars'] as const;

/** A week of one-minute bars: a longer pause is a stopped bot, not a cooldown. */
export const MAX_COOLDOWN = 10_080;
const MAX_QUOTE_AMOUNT = 1e12;

const whole = (label: string, min: number, max: number) =>
  z.number({ error: `${label} must be a whole number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);

/** What the amount means in each mode, for messages and the form. */
export const AMOUNT_LABELS: Record<SizingMode, string> = {
  base: 'Order size (base asset)',
  quote: 'Amount per entry (quote currency)',
  percent_equity: 'Percent of equity per entry',
  risk: 'Risk per entry (percent of equity)',
};

export const BotSizingSchema = z
  .object({
    mode: z.enum(SIZING_MODES, { error: 'Choose a sizing mode: fixed base, fixed quote, percent of equity or risk-based' }),
    /** Unused in `base` mode (the bot's order size is the amount). */
    amount: z.number({ error: 'The amount must be a number' }).positive('The amount must be greater than zero').max(MAX_QUOTE_AMOUNT, 'The amount is too large').nullable(),
    /** Adds to one position (pyramiding), the first entry included. TradingView bots keep theirs in the strategy. */
    maxEntries: whole('Max entries', 1, 100),
    /** No new entry this long after the bot's position on the symbol closes; 0 for none. */
    cooldown: whole('Cooldown', 0, MAX_COOLDOWN),
    cooldownUnit: z.enum(COOLDOWN_UNITS, { error: 'The cooldown is counted in minutes or bars' }),
    /** Symbols the bot may hold a position in at once. */
    maxOpenPositions: whole('Max open positions', 1, 100),
  })
  .superRefine((sizing, ctx) => {
    if (sizing.mode === 'base') return;
    if (sizing.amount === null) ctx.addIssue({ code: 'custom', path: ['amount'], message: `${AMOUNT_LABELS[sizing.mode]} is required` });
    else if (sizing.mode !== 'quote' && sizing.amount > 100) ctx.addIssue({ code: 'custom', path: ['amount'], message: `${AMOUNT_LABELS[sizing.mode]} must be at most 100%` });
  });
export type BotSizing = z.infer<typeof BotSizingSchema>;

/** What a bot stored before sizing existed trades: its order size, one entry per position, no cooldown. */
export const DEFAULT_SIZING: BotSizing = { mode: 'base', amount: null, maxEntries: 1, cooldown: 0, cooldownUnit: 'minutes', maxOpenPositions: 1 };
