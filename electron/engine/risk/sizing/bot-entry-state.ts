import type { Kysely } from 'kysely';
import type { Order } from '../../../../shared/domain/order.ts';
import { OPEN_STATUSES } from '../../execution/order-state.ts';
import type { Database } from '../../persistence/database.ts';

/** What a bot has on the books when one of its entries is checked: committed rows only, read in the entry's transaction. */
export interface BotEntryState {
  /** The signed position on the entry's symbol and the entries its current trip has filled. */
  held: number;
  tripEntries: number;
  /** Entries on the same side still waiting at the venue, none of them filled yet (0 for an order against the position: those are its closes). */
  waitingEntries: number;
  /** Symbols other than the entry's where the bot holds a position or has an opening order waiting. */
  otherOpenSymbols: string[];
  /** When the bot's last position on the symbol closed (market time), or null if none has. */
  lastExitAt: number | null;
}

/** Closes placed by the engine itself: never an entry, whatever their side. */
const CLOSING_SOURCES = ['protection', 'emergency'];

export async function botEntryState(trx: Kysely<Database>, order: Order): Promise<BotEntryState> {
  const { botId, symbol, side, clientOrderId } = order;
  const positions = await trx.selectFrom('positions').select(['symbol', 'netQty', 'tripEntries']).where('botId', '=', botId).execute();
  const open = await trx
    .selectFrom('orders')
    .select(['symbol', 'side', 'filledQty', 'source'])
    .where('botId', '=', botId)
    .where('status', 'in', OPEN_STATUSES)
    .where('clientOrderId', '!=', clientOrderId)
    .where('source', 'not in', CLOSING_SOURCES)
    .execute();
  const lastExit = await trx.selectFrom('trades').select((eb) => eb.fn.max('closedAt').as('at')).where('botId', '=', botId).where('symbol', '=', symbol).executeTakeFirst();
  const heldOn = new Map(positions.map((p) => [p.symbol, p.netQty]));
  const here = positions.find((p) => p.symbol === symbol);
  const held = here?.netQty ?? 0;
  // On a flat symbol any waiting order opens a position; on a held one only an order on its side adds.
  const opening = open.filter((o) => (heldOn.get(o.symbol) ?? 0) === 0);
  const otherOpenSymbols = new Set([...positions.filter((p) => p.netQty !== 0).map((p) => p.symbol), ...opening.map((o) => o.symbol)]);
  otherOpenSymbols.delete(symbol);
  const sameDirection = held === 0 || (held > 0) === (side === 'BUY');
  return {
    held,
    tripEntries: sameDirection && held !== 0 ? (here?.tripEntries ?? 0) : 0,
    waitingEntries: sameDirection ? open.filter((o) => o.symbol === symbol && o.side === side && o.filledQty === 0).length : 0,
    otherOpenSymbols: [...otherOpenSymbols].sort(),
    lastExitAt: lastExit?.at ?? null,
  };
}
