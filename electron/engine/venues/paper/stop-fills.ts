import type { Instrument } from '../../../../shared/domain/instrument.ts';
import { roundPriceToTick } from '../../execution/precision.ts';
import type { OrderRequest } from '../venue.ts';

type Stop = Pick<OrderRequest, 'side' | 'triggerPrice'>;

/** A buy stop wakes when the bar reaches up to its trigger, a sell stop when it reaches down to it. */
export function triggerReached(stop: Stop, low: number, high: number): boolean {
  const trigger = stop.triggerPrice;
  if (trigger == null) return false;
  return stop.side === 'BUY' ? high >= trigger : low <= trigger;
}

/**
 * Where a woken stop (market) fills: at the worse of its trigger and the price, then the market
 * order's slippage. A price that gapped through the trigger fills at the gap, never at the trigger
 * (a sell stop at 95 with the price at 90 sells near 90), as it would on an exchange.
 */
export function stopFillPrice(stop: Stop, last: number, slippageBps: number, instrument: Pick<Instrument, 'tickSize'> | undefined): number {
  const trigger = stop.triggerPrice ?? last;
  const worse = stop.side === 'BUY' ? Math.max(trigger, last) : Math.min(trigger, last);
  const slipped = worse * (1 + (slippageBps / 10_000) * (stop.side === 'BUY' ? 1 : -1));
  const rounded = instrument ? roundPriceToTick(slipped, instrument) : slipped;
  return rounded > 0 ? rounded : slipped;
}
