import type { Order } from 'ccxt';
import { fillProblem } from '../../execution/reconciliation/venue-numbers.ts';
import type { OrderRef, VenueFill } from '../venue.ts';
import type { Attempt, ExchangeCalls } from './exchange-calls.ts';

/**
 * What makes an exchange's answer about one of our orders unbookable, or null when it is sound:
 * it names an order id, no other client id or symbol than ours (an exchange may leave them out),
 * and fills whose numbers a ledger can hold. A garbled or misdirected answer is never booked: the
 * order's own record is asked instead, and until it answers sensibly the account is blocked.
 */
export function oddAnswer(order: Order, ref: OrderRef, fills: readonly VenueFill[]): string | null {
  if (order.id === undefined || order.id === null || String(order.id) === '') return 'an answer naming no order id';
  if (order.clientOrderId && order.clientOrderId !== ref.clientOrderId) return `an answer about another order (${order.clientOrderId})`;
  if (order.symbol && order.symbol !== ref.symbol) return `an answer about an order on ${order.symbol}, not ${ref.symbol}`;
  const problems = fills.map(fillProblem).filter((problem) => problem !== null);
  return problems.length > 0 ? `numbers StoxRobot cannot book (${problems.join('; ')})` : null;
}

/** An odd answer as a failed call: no reply we can use, to be asked again (reads) or reconciled (orders). */
export function oddFailure<T>(calls: ExchangeCalls, action: string, odd: string): Attempt<T> {
  const message = `${calls.exchange.name} answered about ${action} with ${odd}; nothing of it is booked and the exchange is asked again`;
  return { ok: false, failure: { kind: 'temporary', exchangeCode: null, exchangeMessage: null, text: message, retryAfterMs: null }, error: { code: 'UNAVAILABLE', message: calls.redact(message) } };
}
