import type { SizingMode } from '../../../../shared/domain/bot-sizing.ts';
import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { fail, ok, type Result } from '../../../../shared/errors.ts';
import { formatMoney, formatQuantity } from '../../accounts/amounts.ts';
import { floorToStep } from '../../execution/precision.ts';
import { orderSizeProblem, showQty as plain } from '../order-size.ts';

export interface EntrySizeInput {
  mode: SizingMode;
  /** Quote currency (`quote`) or percent of equity (`percent_equity`, `risk`); unused for `base`. */
  amount: number | null;
  /** The bot's order size in base, traded as it is in `base` mode. */
  orderQty: number;
  /** The price the entry is expected at. */
  px: number;
  /** The account's equity in the quote currency; null when it cannot be valued. Read by the percent modes. */
  equity: number | null;
  /** The stop-loss price the risk is measured to; null when there is none. Read by `risk`. */
  stop: number | null;
  /** The symbol's risk multiplier (1 unless the trader set one). */
  multiplier: number;
  instrument: Instrument;
}

const refuse = (message: string): Result<never> => fail('REFUSED', message);
const positive = (value: number | null): value is number => value !== null && Number.isFinite(value) && value > 0;

/** The quantity the mode asks for before the multiplier and the step, with how it was worked out; or why none. */
function rawSize(input: EntrySizeInput): Result<{ qty: number; how: string }> {
  const { mode, amount, orderQty, px, equity, stop, instrument } = input;
  const { base, quote } = instrument;
  if (mode === 'base') return positive(orderQty) ? ok({ qty: orderQty, how: `The order size of ${formatQuantity(orderQty, base)}` }) : refuse(`The order size ${orderQty} ${base} is not a positive number`);
  if (!positive(amount)) return refuse(`The sizing amount ${String(amount)} is not a positive number`);
  if (mode === 'quote') return ok({ qty: amount / px, how: `${formatMoney(amount, quote)} at ${plain(px)} ${quote}` });
  if (equity === null || !Number.isFinite(equity)) return refuse(`The account’s equity cannot be valued yet (a market price is missing), so ${amount}% of it cannot be sized`);
  if (equity <= 0) return refuse(`The account’s equity is ${formatMoney(equity, quote)}; sizing by a percent of it needs it above zero`);
  const share = (equity * amount) / 100;
  if (mode === 'percent_equity') return ok({ qty: share / px, how: `${amount}% of equity (${formatMoney(share, quote)}) at ${plain(px)} ${quote}` });
  if (stop === null) return refuse(`Risk-based sizing needs a stop-loss: give the entry one (the strategy's or the alert's stop_loss), or choose another sizing mode`);
  const distance = Math.abs(px - stop);
  if (!Number.isFinite(stop) || !(distance > 0)) return refuse(`The stop-loss ${plain(stop)} is not a usable distance from the entry price ${plain(px)} ${quote}, so the risk cannot be sized`);
  return ok({ qty: share / distance, how: `Risking ${amount}% of equity (${formatMoney(share, quote)}) with the stop ${plain(distance)} ${quote} away` });
}

/**
 * The base quantity of one entry: the mode's size times the symbol's risk multiplier, rounded down
 * to the step (never more than the mode allows); refused with the reason when it is not a finite
 * positive number or falls below the venue's minimum. Pure: whoever has a stop price (a strategy's
 * intent, an alert, a per-bot stop-loss setting) can size with it.
 */
export function sizeEntry(input: EntrySizeInput): Result<number> {
  const { px, multiplier, instrument } = input;
  if (!positive(px)) return refuse(`No usable price for ${instrument.symbol} to size the entry at (got ${plain(px)})`);
  if (!(positive(multiplier) && multiplier <= 10)) return refuse(`The risk multiplier ${multiplier} of ${instrument.symbol} is not between 0 and 10`);
  const raw = rawSize(input);
  if (!raw.ok) return raw;
  const qty = raw.value.qty * multiplier;
  const how = `${raw.value.how}${multiplier === 1 ? '' : ` × risk multiplier ${multiplier}`}`;
  if (!positive(qty)) return refuse(`${how} gives no quantity that can be traded`);
  const problem = orderSizeProblem(qty, px, instrument);
  if (problem) return refuse(`${how} gives ${formatQuantity(qty, instrument.base)}: ${problem}`);
  return ok(floorToStep(qty, instrument.stepSize));
}
