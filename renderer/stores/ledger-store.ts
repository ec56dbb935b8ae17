import { create } from 'zustand';
import type { Fill, Order } from '../../shared/domain/order.ts';
import type { Position, Trade } from '../../shared/domain/position.ts';
import { client } from '../rpc/client.ts';

interface LedgerState {
  botId: string | null;
  positions: Position[];
  orders: Order[];
  trades: Trade[];
  fills: Fill[];
  load(botId: string | null): Promise<void>;
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
  },
}));
