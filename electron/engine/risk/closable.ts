import type { Kysely } from 'kysely';
import type { OrderManager } from '../execution/order-manager.ts';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import { type Closable, closableOf } from '../execution/closable-qty.ts';
import type { Database } from '../persistence/database.ts';
import { ordersOfBot } from '../persistence/orders.repository.ts';
import { isHeldStop } from './exchange-stops/desired-stop.ts';
import { showQty } from './order-size.ts';

export async function closable(db: Kysely<Database>, orders: OrderManager, botId: string, symbol: string): Promise<Closable> {
  // A stop held at the exchange steps aside for any other close (risk/exchange-stops/ takes it back
  // first), so it is not counted here; the order manager's own check counts it until it is canceled.
  const open = (await ordersOfBot(db, botId, OPEN_STATUSES, symbol)).filter((o) => !isHeldStop(o));
  // The position is read after the query: a fill committed in between is then in the position and
  // still unfilled in the order, so the close comes out smaller, never larger.
  return closableOf(orders.position(botId, symbol).netQty, open);
}

/** Why a close was not sent: the whole position is already being closed by orders at the venue. */
export const alreadyClosing = (inFlight: number, base: string): string => `a close of ${showQty(inFlight)} ${base} is already at the venue`;
