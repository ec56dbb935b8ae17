import type { Order } from '../../../shared/domain/order.ts';
import type { ManualOrder } from '../../../shared/contract/ledger.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { BotService } from './bot-service.ts';

/**
 * The trader's order for a bot: on the bot's account, its symbol unless another is named, through
 * the same order manager as every bot and alert, so the account gate, reconciliation, market
 * checks and the emergency stop all apply. A refusal is the REJECTED order with its reason.
 */
export async function placeManualOrder(deps: { bots: BotService; orders: OrderManager }, request: ManualOrder): Promise<Result<Order>> {
  const found = await deps.bots.get(request.botId);
  if (!found.ok) return found;
  const { botId, side, type, qty, price, triggerPrice, reduceOnly, clientOrderId } = request;
  const symbol = request.symbol ?? found.value.symbol;
  const order = await deps.orders.place({ botId, symbol, side, type, qty, price: price ?? null, triggerPrice: triggerPrice ?? null, reduceOnly: reduceOnly === true, source: 'manual', ...(clientOrderId ? { clientOrderId } : {}) });
  // A repeated id returns the order stored under it: the same order asked again, or a clash.
  const sameAsked = order.source === 'manual' && order.botId === botId && order.symbol === symbol && order.side === side && order.type === type;
  if (!sameAsked) return fail('CONFLICT', `Order id ${clientOrderId ?? order.clientOrderId} already names another order; nothing was placed`);
  return ok(order);
}
