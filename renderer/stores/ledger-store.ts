import { create } from 'zustand';
import type { Fill, Order } from '../../shared/domain/order.ts';
import type { Position, Trade } from '../../shared/domain/position.ts';
import { client } from '../rpc/client.ts';
import { singleFlight } from './single-flight.ts';

interface LedgerState {
  botId: string | null;
  positions: Position[];
  orders: Order[];
  trades: Trade[];
  fills: Fill[];
  /** Shows `botId`'s ledger (cleared at once when it is another bot's) and loads it. */
  load(botId: string | null): Promise<void>;
  refresh(): Promise<void>;
  /** The positions alone, re-marked by the engine: called as the symbol's price moves. */
  refreshPositions(): Promise<void>;
}

/** The selected bot's positions, orders, trades and fills (fills feed the chart's markers). */
export const useLedgerStore = create<LedgerState>((set, get) => ({
  botId: null,
  positions: [],
  orders: [],
  trades: [],
  fills: [],
  async load(botId) {
    if (botId !== get().botId) set({ botId, positions: [], orders: [], trades: [], fills: [] });
    await get().refresh();
  },
  refresh: singleFlight(async () => {
    const botId = get().botId;
    if (botId === null) return;
    const filter = { botId, limit: 200 };
    const [positions, orders, trades, fills] = await Promise.all([
      client.positions.list({ botId }),
      client.orders.list(filter),
      client.trades.list(filter),
      client.fills.list({ botId, limit: 1000 }),
    ]);
    // A slower answer for a bot no longer selected must not overwrite the current one.
    if (get().botId === botId) set({ positions, orders, trades, fills });
  }),
  refreshPositions: singleFlight(async () => {
    const botId = get().botId;
    if (botId === null) return;
    const positions = await client.positions.list({ botId });
    if (get().botId === botId) set({ positions });
  }),
}));

/** Whether the selected bot holds anything in `symbol`, so its marks move with that symbol's price. */
export const holds = (positions: readonly Position[], symbol: string) => positions.some((p) => p.symbol === symbol && p.qty !== 0);
