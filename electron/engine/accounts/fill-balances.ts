import { QUOTE_DECIMALS, roundTo } from '../execution/precision.ts';
import type { OrderSide } from '../../../shared/domain/order.ts';

export interface FillAmounts {
  qty: number;
  px: number;
  /** Always in the quote currency. */
  fee: number;
}

/**
 * What one fill does to the two balances it touches. BUY: base += qty, quote -= qty × px + fee;
 * SELL: base -= qty, quote += qty × px - fee. A sell beyond the base held leaves a negative base
 * balance: the short, borrowed on the 1x margin account (see funds.ts).
 */
export function fillDeltas(side: OrderSide, fill: FillAmounts): { baseDelta: number; quoteDelta: number } {
  const notional = fill.qty * fill.px;
  const quoteDelta = side === 'BUY' ? -(notional + fill.fee) : notional - fill.fee;
  return { baseDelta: side === 'BUY' ? fill.qty : -fill.qty, quoteDelta: roundTo(quoteDelta, QUOTE_DECIMALS) };
}
