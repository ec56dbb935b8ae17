import type { Kysely } from 'kysely';
import type { Order } from '../../../shared/domain/order.ts';
import type { AlertAction, AlertCommand } from '../../../shared/domain/webhook.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { roundTo } from '../execution/precision.ts';
import { type AlertLeg, alertsWithLegsIn } from '../persistence/alert-legs.repository.ts';
import type { Database } from '../persistence/database.ts';
import { ordersOfBot } from '../persistence/orders.repository.ts';
import type { Protections } from '../risk/protections.ts';

type Levels = Pick<AlertCommand, 'action' | 'stopLoss' | 'takeProfit'>;

/**
 * The side an alert leaves the position on. long/short/reverse say it (their last leg is the
 * entry); for the others it is the position once every open order of the bot on the symbol has
 * filled (the alert's own, and a close already at the venue), which fills do not change.
 */
export function directionAfterLegs(action: AlertAction, legs: readonly Pick<AlertLeg, 'side'>[], held: number, open: readonly Pick<Order, 'side' | 'qty' | 'filledQty'>[]): -1 | 0 | 1 {
  const entry = legs.at(-1);
  if (action === 'long' || action === 'short' || action === 'reverse') return entry ? (entry.side === 'BUY' ? 1 : -1) : 0;
  const projected = roundTo(open.reduce((sum, o) => sum + (o.side === 'BUY' ? 1 : -1) * (o.qty - o.filledQty), held), 10);
  return projected > 0 ? 1 : projected < 0 ? -1 : 0;
}

/** Hands the alert's stop-loss and take-profit to Protections, for the position its legs open. */
export async function protectAlertEntry(deps: { db: Kysely<Database>; orders: OrderManager; protections: Protections }, botId: string, command: Levels, legs: readonly AlertLeg[]): Promise<void> {
  const symbol = legs[0]?.symbol;
  if (command.action === 'close_all' || symbol === undefined || (!command.stopLoss && !command.takeProfit)) return;
  const open = await ordersOfBot(deps.db, botId, OPEN_STATUSES, symbol);
  const direction = directionAfterLegs(command.action, legs, deps.orders.position(botId, symbol).netQty, open);
  if (direction === 0) return;
  const entry = { botId, symbol, direction, stopLoss: command.stopLoss, takeProfit: command.takeProfit };
  await deps.protections.protectEntry(entry, legs.map((l) => l.clientOrderId));
}

/**
 * At start, before a fill can arrive: the levels of alert entries still open at the venue (a limit
 * entry the paper venue rests again) wait for their fill once more. They are kept in memory only,
 * so without this a restart would drop a resting entry's stop-loss.
 */
export async function restoreEntryProtection(deps: { db: Kysely<Database>; orders: OrderManager; protections: Protections }): Promise<void> {
  for (const { botId, commandJson, legs } of await alertsWithLegsIn(deps.db, OPEN_STATUSES)) {
    await protectAlertEntry(deps, botId, JSON.parse(commandJson) as Levels, legs);
  }
}
