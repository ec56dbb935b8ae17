import { z } from 'zod';
import { ALERT_ACTIONS, AMOUNT_TYPES, type AlertCommand } from '../../../shared/domain/webhook.ts';
import { oneOf, positiveNumber, priceLevel, signedNumber, text, timestamp } from './alert-fields.ts';

/**
 * The alert message, modelled on what traders already paste (3Commas/Altrady style). Strict about
 * every field it knows, silent about fields it does not; numbers may come as strings because
 * TradingView renders placeholders inside quotes.
 */
const AlertMessageSchema = z
  .object({
    passphrase: text('passphrase', 256, true),
    bot: text('bot', 80),
    // {{strategy.order.action}} renders buy/sell; {{strategy.market_position}} renders long/short/flat.
    action: oneOf('action', ALERT_ACTIONS, { flat: 'close', exit: 'close' }),
    symbol: text('symbol', 64).optional(),
    ticker: text('ticker', 64).optional(),
    amount: positiveNumber('amount').optional(),
    amount_type: oneOf('amount_type', AMOUNT_TYPES).optional(),
    order_type: oneOf('order_type', ['market', 'limit'] as const).optional(),
    price: positiveNumber('price').optional(),
    stop_loss: priceLevel('stop_loss').optional(),
    take_profit: priceLevel('take_profit').optional(),
    position_size: signedNumber('position_size').optional(),
    id: text('id', 128).optional(),
    time: timestamp('time').optional(),
    timenow: timestamp('timenow').optional(),
    comment: z.unknown().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.order_type === 'limit' && m.price === undefined) ctx.addIssue({ code: 'custom', path: ['price'], message: 'price is required for a limit order' });
    if (m.amount_type === 'percent_equity' && m.amount !== undefined && m.amount > 100) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `amount must be at most 100 with amount_type percent_equity, got '${m.amount}'` });
    }
  });

export type ParsedAlert = { ok: true; command: AlertCommand } | { ok: false; reason: string };

export function validateAlert(fields: Record<string, unknown>): ParsedAlert {
  const result = AlertMessageSchema.safeParse(fields);
  if (!result.success) {
    return { ok: false, reason: result.error.issues[0]?.message ?? 'The alert is not valid' };
  }
  const m = result.data;
  // A strategy's exit renders action=sell with position_size=0: close, do not flip to a short.
  const action = m.position_size === 0 && (m.action === 'buy' || m.action === 'sell') ? 'close' : m.action;
  return {
    ok: true,
    command: {
      bot: m.bot,
      passphrase: m.passphrase,
      action,
      symbol: m.symbol ?? m.ticker ?? null,
      amount: m.amount ?? null,
      amountType: m.amount_type ?? 'base',
      orderType: m.order_type ?? 'market',
      price: m.price ?? null,
      stopLoss: m.stop_loss ?? null,
      takeProfit: m.take_profit ?? null,
      id: m.id ?? null,
      time: m.time ?? m.timenow ?? null,
      comment: typeof m.comment === 'string' ? m.comment.slice(0, 500) : null,
    },
  };
}
