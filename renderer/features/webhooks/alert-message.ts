import type { AlertAction, AmountType } from '../../../shared/domain/webhook.ts';

export interface AlertTemplate {
  botId: string;
  passphrase: string;
  /** A fixed action, or `strategy` to take TradingView's {{strategy.order.action}}. */
  action: AlertAction | 'strategy';
  /** Empty: the bot's order size; `strategy`: {{strategy.order.contracts}}. */
  amount: string;
  amountType: AmountType;
  orderType: 'market' | 'limit';
  stopLoss: string;
  takeProfit: string;
}

export const PASSPHRASE_PLACEHOLDER = 'PASTE-YOUR-PASSPHRASE';

/**
 * The exact text to paste into TradingView's alert message box: valid JSON in which every
 * placeholder is quoted, so a placeholder that renders empty still leaves valid JSON (and gets a
 * clear refusal) instead of breaking the message.
 */
export function buildAlertMessage(t: AlertTemplate): string {
  const message: Record<string, string> = {
    passphrase: t.passphrase || PASSPHRASE_PLACEHOLDER,
    bot: t.botId,
    action: t.action === 'strategy' ? '{{strategy.order.action}}' : t.action,
    ticker: '{{ticker}}',
  };
  if (t.amount.trim() === 'strategy') message.amount = '{{strategy.order.contracts}}';
  else if (t.amount.trim() !== '') message.amount = t.amount.trim();
  if (message.amount !== undefined) message.amount_type = t.amountType;
  if (t.action === 'strategy') message.position_size = '{{strategy.position_size}}';
  if (t.orderType === 'limit') {
    message.order_type = 'limit';
    message.price = '{{close}}';
  }
  if (t.stopLoss.trim()) message.stop_loss = t.stopLoss.trim();
  if (t.takeProfit.trim()) message.take_profit = t.takeProfit.trim();
  message.id = t.action === 'strategy' ? '{{strategy.order.id}}-{{timenow}}' : '{{ticker}}-{{timenow}}';
  message.time = '{{timenow}}';
  return JSON.stringify(message, null, 2);
}

/** What TradingView would put in place of each placeholder, for the "send test alert" button. */
export function renderPlaceholders(message: string, values: { ticker: string; close: number; size: number; now: Date }): string {
  const replacements: Record<string, string> = {
    '{{ticker}}': values.ticker,
    '{{close}}': String(values.close),
    '{{timenow}}': values.now.toISOString(),
    '{{strategy.order.action}}': 'buy',
    '{{strategy.order.contracts}}': String(values.size),
    '{{strategy.position_size}}': String(values.size),
    '{{strategy.market_position}}': 'long',
    '{{strategy.order.id}}': 'test',
  };
  return message.replace(/\{\{[a-z_.]+\}\}/g, (placeholder) => replacements[placeholder] ?? placeholder);
}
