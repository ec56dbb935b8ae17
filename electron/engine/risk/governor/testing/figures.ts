import type { Kysely } from 'kysely';
import type { Database } from '../../../persistence/database.ts';
import { OPEN_STATUSES } from '../../../execution/order-state.ts';
import { worstCaseExposure } from '../exposure.ts';
import { hasLimitPrice, isStopType, type OrderType } from '../../../../../shared/domain/order.ts';

/** The exposure the account ended with, read back from the stored rows (positions and orders still open). */
export async function exposureOfFilled(db: Kysely<Database>, lastPrice: (symbol: string) => number | null) {
  const holdings = await db.selectFrom('positions').select(['botId', 'symbol', 'netQty']).execute();
  const open = await db.selectFrom('orders').selectAll().where('status', 'in', OPEN_STATUSES).execute();
  const orders = open.map((o) => ({ clientOrderId: o.clientOrderId, botId: o.botId, symbol: o.symbol, side: o.side as 'BUY' | 'SELL', remainingQty: o.qty - o.filledQty, price: hasLimitPrice(o.type as OrderType) ? o.price : null, trigger: isStopType(o.type as OrderType) ? o.triggerPrice : null }));
  const exposure = worstCaseExposure({ holdings, orders }, lastPrice);
  if ('problem' in exposure) throw new Error(exposure.problem);
  return exposure;
}
