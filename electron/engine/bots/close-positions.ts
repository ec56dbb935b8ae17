import type { Order } from '../../../shared/domain/order.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import type { BotService } from './bot-service.ts';

/**
 * Closes every open position of a bot with reduce-only market orders of the held size. A running
 * bot would open again on its next signal, so it must be stopped first (`stopFirst` does it here).
 * Reduce-only makes a close that races another one (a stop-loss, a second click) a refusal
 * instead of a reversed position.
 */
export async function closeBotPositions(deps: { bots: BotService; orders: OrderManager }, botId: string, stopFirst: boolean): Promise<Result<Order[]>> {
  const found = await deps.bots.get(botId);
  if (!found.ok) return found;
  const bot = found.value;
  if (bot.status === 'running' && !stopFirst) {
    return fail('CONFLICT', `${bot.name} is running and would trade again: use “Stop & close”, or pause it first`);
  }
  const open = deps.orders.positionEntries().filter((p) => p.botId === botId && p.state.netQty !== 0);
  if (open.length === 0) return fail('CONFLICT', `${bot.name} holds no open position to close`);
  if (stopFirst && bot.status !== 'stopped') {
    const stopped = await deps.bots.setStatus(botId, 'stopped');
    if (!stopped.ok) return stopped;
  }

  const orders: Order[] = [];
  for (const { symbol, state } of open) {
    const side = state.netQty > 0 ? 'SELL' : 'BUY';
    orders.push(await deps.orders.place({ botId, symbol, side, type: 'MARKET', qty: Math.abs(state.netQty), reduceOnly: true, source: 'manual' }));
  }
  const rejected = orders.filter((o) => o.status === 'REJECTED');
  if (rejected.length === orders.length) {
    return fail('CONFLICT', `Nothing was closed: ${rejected.map((o) => `${o.symbol}: ${o.rejectReason ?? 'rejected'}`).join('; ')}`);
  }
  return ok(orders);
}
