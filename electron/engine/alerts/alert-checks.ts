import type { Bot } from '../../../shared/domain/bot.ts';
import type { Instrument } from '../../../shared/domain/instrument.ts';
import type { AlertAction, AlertCommand, PriceLevel } from '../../../shared/domain/webhook.ts';
import { decimalsOf } from '../execution/precision.ts';
import { resolveSymbol } from './ticker.ts';

export type Target = { instrument: Instrument } | { refusal: string };

/** The instrument an alert trades: the bot's own. A ticker naming anything else is refused. */
export function alertTarget(bot: Bot, ticker: string | null, instruments: readonly Instrument[]): Target {
  const own = instruments.find((i) => i.symbol === bot.symbol);
  if (!own) return { refusal: `This venue does not trade the bot's symbol ${bot.symbol}` };
  if (ticker === null) return { instrument: own };
  const symbol = resolveSymbol(ticker, instruments);
  if (!symbol) return { refusal: `Unknown symbol ${ticker}; this bot trades ${bot.symbol}` };
  if (symbol !== bot.symbol) return { refusal: `This bot trades ${bot.symbol}; the alert is for ${symbol}${symbol === ticker ? '' : ` (${ticker})`}` };
  return { instrument: own };
}

/** Actions whose size is the alert's amount (or the bot's order size); exits size only with an amount. */
export const opensOrAdds = (action: AlertAction): boolean => ['buy', 'sell', 'long', 'short', 'reverse'].includes(action);

/** The side of the position after the action (1 long, -1 short, 0 flat), from the position `held` before it. */
export function directionAfter(action: AlertAction, held: number, qty: number): -1 | 0 | 1 {
  const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);
  switch (action) {
    case 'buy':
      return sign(held + qty);
    case 'sell':
      return sign(held - qty);
    case 'long':
      return 1;
    case 'short':
      return -1;
    case 'exit_long':
    case 'exit_short':
      return sign(held);
    case 'reverse':
      return sign(-held);
    case 'close':
    case 'close_all':
      return 0;
  }
}

/**
 * A stop-loss or take-profit given as a price must be on its side of the price for the position it
 * protects; on the wrong side it would close the position at the first tick. Percent levels are
 * set from the entry on the right side by construction.
 */
export function levelsProblem(direction: -1 | 0 | 1, px: number, command: Pick<AlertCommand, 'stopLoss' | 'takeProfit'>, instrument: Instrument): string | null {
  if (direction === 0) return null;
  const side = direction > 0 ? 'long' : 'short';
  const shown = px.toFixed(decimalsOf(instrument.tickSize));
  const wrong = (field: string, level: PriceLevel | null, below: boolean): string | null => {
    if (level?.price === undefined) return null;
    const ok = below ? level.price < px : level.price > px;
    return ok ? null : `${field} ${level.price} must be ${below ? 'below' : 'above'} the price ${shown} for a ${side} position`;
  };
  return wrong('stop_loss', command.stopLoss, direction > 0) ?? wrong('take_profit', command.takeProfit, direction < 0);
}

/** A limit order needs a positive, finite price (the parser checks it too; this guards every other caller). */
export function limitPriceProblem(command: Pick<AlertCommand, 'orderType' | 'price'>): string | null {
  if (command.orderType !== 'limit') return null;
  const px = command.price;
  return px !== null && Number.isFinite(px) && px > 0 ? null : `A limit order needs a positive price, got '${String(px)}'`;
}
