import type { Trade } from 'ccxt';
import type { VenueBalance, VenueFill, VenuePosition } from '../venue.ts';
import type { Attempt, ExchangeCalls } from './exchange-calls.ts';
import { isOurs, toFill, uniqueTrades } from './mapping.ts';

const PAGE = 1000;
const WINDOW_MS = 24 * 3_600_000;
/** Fills older than this are not listed (one request per day of history per symbol); an order's own fills are always found through its look-up. */
const MAX_LOOKBACK_MS = 30 * WINDOW_MS;

export async function readBalances(calls: ExchangeCalls): Promise<Attempt<VenueBalance[]>> {
  const balance = await calls.withRetry('the balance', (ex) => ex.fetchBalance());
  if (!balance.ok) return balance;
  const totals = (balance.value.total ?? {}) as unknown as Record<string, number | undefined>;
  const free = (balance.value.free ?? {}) as unknown as Record<string, number | undefined>;
  const held = Object.entries(totals).filter(([, total]) => Number(total) !== 0 && Number.isFinite(Number(total)));
  return { ok: true, value: held.map(([currency, total]) => ({ currency, total: Number(total), free: Number(free[currency] ?? 0) })) };
}

export async function readPositions(calls: ExchangeCalls): Promise<Attempt<VenuePosition[]>> {
  // A spot-only account holds no positions: asking would reach the exchange's futures API for nothing.
  const trades = Object.values(calls.exchange.markets ?? {}).some((m) => m?.contract);
  if (!calls.exchange.has.fetchPositions || !trades) return { ok: true, value: [] };
  const positions = await calls.withRetry('the positions', (ex) => ex.fetchPositions());
  if (!positions.ok) return positions;
  const open = positions.value.filter((p) => p.symbol && Number(p.contracts ?? 0) !== 0);
  return {
    ok: true,
    value: open.map((p) => ({
      symbol: String(p.symbol),
      qty: (p.side === 'short' ? -1 : 1) * Math.abs(Number(p.contracts)) * Number(p.contractSize ?? 1),
      avgPxOpen: p.entryPrice === undefined ? null : Number(p.entryPrice),
    })),
  };
}

/**
 * One symbol's trades from `since` until now, oldest first, each once: windows of a day (Binance
 * answers at most 24 h per request), each paged by time (never ccxt's parallel `paginate`).
 */
async function tradesSince(calls: ExchangeCalls, symbol: string, since: number, now: number): Promise<Attempt<Trade[]>> {
  const all: Trade[] = [];
  for (let cursor = Math.max(since, now - MAX_LOOKBACK_MS); cursor <= now; ) {
    const until = Math.min(cursor + WINDOW_MS - 1, now);
    const page = await calls.withRetry(`the fills on ${symbol}`, (ex) => ex.fetchMyTrades(symbol, cursor, PAGE, { until }));
    if (!page.ok) return page;
    all.push(...page.value);
    const last = Number(page.value.at(-1)?.timestamp ?? cursor);
    // A full page may have more in its window: go on from its last trade (listed again, then deduped).
    cursor = page.value.length < PAGE ? until + 1 : last > cursor ? last : cursor + 1;
  }
  return { ok: true, value: uniqueTrades(all) };
}

/**
 * Our fills on these symbols since a time, oldest first. A trade names the exchange's order id; the
 * order (looked up once per id, cached in `clientIds`) names ours: trades of orders that are not ours are left out.
 */
export async function readFillsSince(calls: ExchangeCalls, since: number, symbols: readonly string[], clientIds: Map<string, string | null>, now: number): Promise<Attempt<VenueFill[]>> {
  const fills: VenueFill[] = [];
  for (const symbol of symbols) {
    const trades = await tradesSince(calls, symbol, since, now);
    if (!trades.ok) return trades;
    const quote = calls.exchange.markets?.[symbol]?.quote;
    for (const trade of trades.value) {
      const orderId = String(trade.order);
      if (!clientIds.has(orderId)) {
        const order = await calls.withRetry(`the order ${orderId}`, (ex) => ex.fetchOrder(orderId, symbol));
        if (!order.ok) return order;
        clientIds.set(orderId, isOurs(order.value.clientOrderId) ? order.value.clientOrderId : null);
      }
      const clientOrderId = clientIds.get(orderId);
      if (clientOrderId) fills.push(toFill(trade, clientOrderId, quote));
    }
  }
  return { ok: true, value: fills.sort((a, b) => a.ts - b.ts) };
}
