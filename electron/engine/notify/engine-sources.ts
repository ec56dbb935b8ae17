import type { Order } from '../../../shared/domain/order.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { Clock } from '../ports/clock.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { amount, money, signed, type NotifyEvent } from './notify-event.ts';

type Notify = (event: NotifyEvent) => void;

const quoteOf = (symbol: string) => symbol.split('/')[1] ?? '';
const baseOf = (symbol: string) => symbol.split('/')[0] ?? symbol;

/**
 * Order fills and the positions they open or close. Positions are compared with the last state
 * seen, so a restart does not announce positions that were already open.
 */
export function watchOrders(orders: Pick<OrderManager, 'onOrderUpdate' | 'position' | 'positionEntries'>, notify: Notify): void {
  const seen = new Map<string, { netQty: number; realizedAtOpen: number }>();
  // A venue may report a fill again (a replayed stream, a reconciliation): the order is told filled once.
  const filledOnce = new Set<string>();
  for (const { botId, symbol, state } of orders.positionEntries()) seen.set(`${botId} ${symbol}`, { netQty: state.netQty, realizedAtOpen: state.realizedPnl });
  orders.onOrderUpdate((order) => {
    if (order.status === 'FILLED' && !filledOnce.has(order.clientOrderId)) {
      filledOnce.add(order.clientOrderId);
      if (filledOnce.size > 10_000) filledOnce.delete(filledOnce.values().next().value ?? '');
      notify(filled(order));
    }
    if (order.filledQty === 0) return;
    const key = `${order.botId} ${order.symbol}`;
    const before = seen.get(key) ?? { netQty: 0, realizedAtOpen: 0 };
    const now = orders.position(order.botId, order.symbol);
    if (before.netQty === now.netQty) return;
    const ts = order.tsEvent;
    if (before.netQty !== 0 && (now.netQty === 0 || Math.sign(now.netQty) !== Math.sign(before.netQty))) notify(closed(order, now.realizedPnl - before.realizedAtOpen, ts));
    const opened = now.netQty !== 0 && Math.sign(now.netQty) !== Math.sign(before.netQty);
    if (opened) notify(openedEvent(order, now.netQty, now.avgPxOpen, ts));
    seen.set(key, { netQty: now.netQty, realizedAtOpen: opened || now.netQty === 0 ? now.realizedPnl : before.realizedAtOpen });
  });
}

function filled(order: Order): NotifyEvent {
  const px = order.avgFillPx ?? 0;
  return {
    kind: 'order_filled',
    title: `Order filled: ${order.side} ${amount(order.filledQty)} ${baseOf(order.symbol)}`,
    body: `${order.side} ${amount(order.filledQty)} ${order.symbol} at ${amount(px)} ${quoteOf(order.symbol)} (${money(order.filledQty * px)} ${quoteOf(order.symbol)}), bot ${order.botId}, order ${order.clientOrderId}`,
    ts: order.tsEvent,
  };
}

function openedEvent(order: Order, netQty: number, avgPx: number, ts: number): NotifyEvent {
  const side = netQty > 0 ? 'long' : 'short';
  return {
    kind: 'position_opened',
    title: `Position opened: ${side} ${amount(Math.abs(netQty))} ${baseOf(order.symbol)}`,
    body: `Bot ${order.botId} is ${side} ${amount(Math.abs(netQty))} ${order.symbol} at ${amount(avgPx)} ${quoteOf(order.symbol)}`,
    ts,
  };
}

function closed(order: Order, pnl: number, ts: number): NotifyEvent {
  const unit = quoteOf(order.symbol);
  return {
    kind: 'position_closed',
    title: `Position closed: ${order.symbol}, P&L ${signed(pnl, unit)}`,
    body: `Bot ${order.botId} closed its ${order.symbol} position at ${amount(order.avgFillPx ?? 0)} ${unit}; realized P&L ${signed(pnl, unit)}`,
    ts,
  };
}

/** Venue connections lost and back (keys refused are told by `keysRefused`, with what to do). */
export function watchVenues(venues: VenueRegistry, clock: Clock, notify: Notify): void {
  venues.onEvent((accountId, event) => {
    if (event.kind !== 'connection' || event.state === 'auth_failed') return;
    const lost = event.state === 'lost';
    notify({
      kind: lost ? 'connection_lost' : 'connection_restored',
      title: lost ? `Connection lost: account ${accountId}` : `Connection restored: account ${accountId}`,
      body: lost ? `The exchange stopped answering${event.reason ? ` (${event.reason})` : ''}. Orders are checked again when it is back.` : 'The exchange answers again; what happened meanwhile is being reconciled.',
      ts: event.ts || clock.now(),
    });
  });
}

export const keysRefused = (accountId: string, reason: string, ts: number): NotifyEvent => ({
  kind: 'action_needed',
  title: `Action needed: the exchange refused the keys of account ${accountId}`,
  body: `${reason.replace(/\.\s*$/, '')}. Its bots are paused until the keys are fixed on the Accounts page.`,
  ts,
});

export const webhookRefused = (botId: string | null, statusCode: number, message: string, ts: number): NotifyEvent => ({
  kind: 'webhook_refused',
  title: `Webhook alert refused (HTTP ${statusCode})`,
  body: `${botId ? `Bot ${botId}: ` : ''}${message}`,
  ts,
});

/** A take-profit of a bot's ladder closes only its share: its words end with "(50 % of the position)". */
const SHARE = / \((.+) of the position\)$/;

export const protectionHit = (botId: string, symbol: string, hit: string, px: number, ts: number): NotifyEvent => {
  const share = SHARE.exec(hit);
  const level = share ? hit.slice(0, share.index) : hit;
  return {
    kind: 'protection_hit',
    title: `${hit.startsWith('stop') ? 'Stop-loss' : 'Take-profit'} hit: ${symbol}`,
    body: `Bot ${botId}: ${level} ${quoteOf(symbol)} reached at ${amount(px)} ${quoteOf(symbol)}; closing ${share ? `${share[1]} of the position` : 'the position'}.`,
    ts,
  };
};

const LEVEL_WORDS = { block: 'no new entries', cancel: 'no new entries; every open order is being canceled', flatten: 'no new entries; every open order is being canceled and every position closed' } as const;

const SOURCE_WORDS: Record<string, string> = { button: 'the emergency stop button', shortcut: 'the keyboard shortcut', menu: 'the menu', api: 'the API' };
const fromWhere = (by: string) => SOURCE_WORDS[by] ?? by;

export const emergencyStopChanged = ({ level, by, at }: { level: 'block' | 'cancel' | 'flatten' | null; by: string; at: number }): NotifyEvent =>
  level === null
    ? { kind: 'emergency_stop', title: 'Emergency stop lifted', body: `Lifted from ${fromWhere(by)}: bots and alerts may place entries again.`, ts: at }
    : { kind: 'emergency_stop', title: `Emergency stop: ${level}`, body: `Pressed from ${fromWhere(by)} at ${new Date(at).toISOString()}: ${LEVEL_WORDS[level]}. It holds until you lift it.`, ts: at };

/** A risk rule that now locks entries (a limit reached, a protection triggered), already worded by the rule. */
export const riskLocked = (title: string, body: string, ts: number): NotifyEvent => ({ kind: 'risk_lock', title, body, ts });
