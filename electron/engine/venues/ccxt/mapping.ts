import type { Order, Trade } from 'ccxt';
import type { VenueFill, VenueOrderSnapshot } from '../venue.ts';

/** ccxt's order status in our words; a finished order with nothing filled and no cancel is `expired`. */
export function snapshotStatus(order: Order): VenueOrderSnapshot['status'] {
  switch (order.status) {
    case 'open':
      return 'open';
    case 'closed':
      return 'filled';
    case 'canceled':
      return 'canceled';
    case 'rejected':
      return 'rejected';
    default:
      return 'expired';
  }
}

/** The fee in the quote currency when the exchange charged it there; other currencies count 0 here (the trade keeps them). */
function quoteFee(trade: Trade, quote: string | undefined): number {
  const fee = trade.fee;
  return fee?.cost !== undefined && (quote === undefined || fee.currency === quote) ? Number(fee.cost) : 0;
}

export function toFill(trade: Trade, clientOrderId: string, quote: string | undefined): VenueFill {
  return { fillId: String(trade.id), clientOrderId, qty: Number(trade.amount), px: Number(trade.price), fee: quoteFee(trade, quote), ts: Number(trade.timestamp ?? Date.now()) };
}

/** Trades listed twice (a replayed or duplicated report) count once: the exchange trade id is the key. */
export function uniqueTrades(trades: readonly Trade[]): Trade[] {
  const seen = new Set<string>();
  return trades.filter((t) => t.id !== undefined && !seen.has(String(t.id)) && seen.add(String(t.id)) !== undefined);
}

export function toSnapshot(order: Order, ref: { clientOrderId: string; symbol: string }, fills: VenueFill[]): VenueOrderSnapshot {
  return {
    clientOrderId: ref.clientOrderId,
    symbol: ref.symbol,
    venueOrderId: String(order.id),
    status: snapshotStatus(order),
    side: order.side === 'sell' ? 'SELL' : 'BUY',
    type: orderType(order),
    qty: Number(order.amount),
    price: order.type === 'limit' && order.price ? Number(order.price) : null,
    triggerPrice: stopPriceOf(order),
    fills,
    reason: null,
    ts: Number(order.lastUpdateTimestamp ?? order.timestamp ?? Date.now()),
  };
}

/** The order's trigger price, when it is a stop (ccxt parses Binance's stopPrice into `triggerPrice`, 0 meaning none). */
function stopPriceOf(order: Order): number | null {
  const trigger = Number(order.triggerPrice ?? order.stopPrice ?? 0);
  return Number.isFinite(trigger) && trigger > 0 ? trigger : null;
}

/** ccxt reads Binance's STOP_LOSS as `market` and STOP_LOSS_LIMIT as `limit`, each with a trigger price. */
function orderType(order: Order): VenueOrderSnapshot['type'] {
  const limit = order.type === 'limit';
  if (stopPriceOf(order) === null) return limit ? 'LIMIT' : 'MARKET';
  return limit ? 'STOP_LIMIT' : 'STOP';
}

/** Our own client ids: `sr-` (see execution/ids.ts); other orders on the account are the trader's. */
export const isOurs = (clientOrderId: string | undefined): clientOrderId is string => typeof clientOrderId === 'string' && clientOrderId.startsWith('sr-');
