import { formatMoney } from '../../accounts/amounts.ts';
import type { Order } from '../../../../shared/domain/order.ts';
import { clockTime } from './day-boundary.ts';

/** `10 %`, `10.009 %`: three decimals at most, so a fall just past a limit never reads as the limit itself. */
export const percent = (fraction: number): string => `${Number((fraction * 100).toFixed(3))} %`;

export const orderWords = (order: Order): string => `${order.side} ${order.qty} ${order.symbol}`;

/** `14:02 UTC`, `00:00 Europe/Berlin`. */
export const zoned = (ts: number, timeZone: string): string => `${clockTime(ts, timeZone)} ${timeZone}`;

export function dailyLossReason(limit: number, loss: number, currency: string, reachedAt: number, resetAt: number, nextAt: number, timeZone: string): string {
  return `Daily loss limit ${formatMoney(limit, currency)} reached at ${clockTime(reachedAt, timeZone)} (loss ${formatMoney(loss, currency)} since ${zoned(resetAt, timeZone)}); entries locked until ${zoned(nextAt, timeZone)}`;
}

export function drawdownReason(limitPct: number, fall: number, equity: number, peak: number, currency: string, at: number, timeZone: string): string {
  return `Max drawdown ${percent(limitPct / 100)} exceeded at ${zoned(at, timeZone)} (equity ${formatMoney(equity, currency)}, ${percent(fall)} below its peak of ${formatMoney(peak, currency)}); entries locked until the trader lifts the lock on the Risk page`;
}

export function stalePriceReason(symbol: string, ageMs: number | null, maxSeconds: number): string {
  if (ageMs === null) return `No fresh ${symbol} price has arrived since the engine started, so the risk limits cannot be checked; entries are refused until market data arrives`;
  return `The last ${symbol} price is ${Math.round(ageMs / 1000)} s old (limit ${maxSeconds} s), so the risk limits cannot be checked; entries are refused until market data is fresh`;
}
