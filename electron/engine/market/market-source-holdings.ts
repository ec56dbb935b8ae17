import type { Kysely } from 'kysely';
import { OPEN_STATUSES } from '../execution/order-state.ts';
import type { Database } from '../persistence/database.ts';

const LISTED = 3;

/**
 * What the paper account holds in the market, in words, or null when it holds nothing: open orders
 * and non-zero positions would be priced by one market, then by another, if the source changed.
 * Read from the database, so it answers before the engine's order manager is built (at start).
 */
export async function paperHoldings(db: Kysely<Database>, accountId: string): Promise<string | null> {
  const orders = await db
    .selectFrom('orders')
    .select(['side', 'qty', 'symbol', 'price'])
    .where('venue', '=', accountId)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('tsInit')
    .execute();
  const positions = await db
    .selectFrom('positions')
    .innerJoin('bots', 'bots.id', 'positions.botId')
    .select(['positions.symbol', 'positions.netQty'])
    .where('bots.account', '=', accountId)
    .where('positions.netQty', '!=', 0)
    .orderBy('positions.symbol')
    .execute();
  const parts: string[] = [];
  if (orders.length > 0) {
    const listed = orders.slice(0, LISTED).map((o) => `${o.side} ${o.qty} ${o.symbol}${o.price === null ? '' : ` @ ${o.price}`}`);
    parts.push(`${count(orders.length, 'open order')} (${listed.join(', ')}${orders.length > LISTED ? ', …' : ''})`);
  }
  if (positions.length > 0) {
    const listed = positions.slice(0, LISTED).map((p) => `${p.netQty > 0 ? 'long' : 'short'} ${Math.abs(p.netQty)} ${p.symbol}`);
    parts.push(`${count(positions.length, 'position')} (${listed.join(', ')}${positions.length > LISTED ? ', …' : ''})`);
  }
  return parts.length > 0 ? parts.join(' and ') : null;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
