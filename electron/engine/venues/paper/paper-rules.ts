import type { Instrument } from '../../../../shared/domain/instrument.ts';
import type { OrderSide } from '../../../../shared/domain/order.ts';
import { floorToStep, formatAmount, roundPriceToTick, roundQuote } from '../../execution/precision.ts';

export type RuleCheck = { ok: true; qty: number; price: number } | { ok: false; reason: string };

/** Quantities and prices in messages: enough decimals for any step or tick, never an exponent. */
const show = (value: number) => formatAmount(value, 12);
const refuse = (reason: string): RuleCheck => ({ ok: false, reason });

/**
 * The market rules a real exchange enforces (step, tick, minimum notional), applied the same way
 * here so a bot that works on paper does not get refused when it goes live. A quantity or price
 * that is not a positive finite number is refused here, before any rounding (which would throw).
 */
export function applyMarketRules(instrument: Instrument, qty: number, price: number): RuleCheck {
  const { base, quote } = instrument;
  if (!(Number.isFinite(qty) && qty > 0)) return refuse(`Quantity ${qty} is not a positive number of ${base}`);
  if (!(Number.isFinite(price) && price > 0)) return refuse(`Price ${price} is not a positive number of ${quote}`);
  const roundedQty = floorToStep(qty, instrument.stepSize);
  if (roundedQty <= 0) return refuse(`Quantity ${show(qty)} ${base} is below the smallest step ${show(instrument.stepSize)} ${base}`);
  const roundedPrice = roundPriceToTick(price, instrument);
  if (roundedPrice <= 0) return refuse(`Price ${show(price)} ${quote} is below the smallest tick ${show(instrument.tickSize)} ${quote}`);
  const notional = roundQuote(roundedQty * roundedPrice);
  if (notional < instrument.minNotional) {
    return refuse(`Order value ${formatAmount(notional, 8, 2)} ${quote} is below the minimum ${formatAmount(instrument.minNotional)} ${quote}`);
  }
  return { ok: true, qty: roundedQty, price: roundedPrice };
}

/** The price a market order fills at: `last` moved against the taker by the slippage (basis points). */
export function marketFillPrice(side: OrderSide, last: number, slippageBps: number): number {
  return last * (1 + (slippageBps / 10_000) * (side === 'BUY' ? 1 : -1));
}

/** The fee of one fill: its notional times the rate (0.001 is 0.1 %), at the quote currency's precision. */
export const fillFee = (qty: number, px: number, feeRate: number): number => roundQuote(qty * px * feeRate);
