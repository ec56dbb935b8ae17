import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { floorToStep, roundPriceToTick } from '../../execution/precision.ts';

export type RuleCheck = { ok: true; qty: number; price: number } | { ok: false; reason: string };

/**
 * The market rules a real exchange enforces (step, tick, minimum notional), applied the same way
 * here so a bot that works on paper does not get refused when it goes live.
 */
export function applyMarketRules(instrument: Instrument, qty: number, price: number): RuleCheck {
  const roundedQty = floorToStep(qty, instrument.stepSize);
  if (roundedQty <= 0) {
    return { ok: false, reason: `Quantity ${qty} is below the smallest step ${instrument.stepSize} ${instrument.base}` };
  }
  const roundedPrice = roundPriceToTick(price, instrument);
  const notional = roundedQty * roundedPrice;
  if (notional < instrument.minNotional) {
    return {
      ok: false,
      reason: `Order value ${notional.toFixed(2)} ${instrument.quote} is below the minimum ${instrument.minNotional} ${instrument.quote}`,
    };
  }
  return { ok: true, qty: roundedQty, price: roundedPrice };
}
