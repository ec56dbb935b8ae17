import { create } from 'zustand';
import type { Bot, BotConfig, BotSummary } from '../../shared/domain/bot.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import { client } from '../rpc/client.ts';
import { savedSelection, saveSelection } from './selection.ts';
import { singleFlight } from './single-flight.ts';

/** Values a new bot's form starts from (a backtest's strategy and symbol), with a line saying where they came from. */
export interface BotSeed {
  name: string;
  symbol: string;
  strategy: BotConfig['strategy'];
  orderQty: number;
  exits?: BotConfig['exits'];
  note: string;
}

interface BotsState {
  bots: BotSummary[];
  instruments: Instrument[];
  selectedId: string | null;
  editing: 'new' | string | null;
  seed: BotSeed | null;
  loaded: boolean;
  refresh(): Promise<void>;
  loadInstruments(): Promise<void>;
  select(id: string | null): void;
  edit(target: 'new' | string | null, seed?: BotSeed): void;
  /** Shows a bot as the engine just returned it (after start, pause, stop), before the next list arrives. */
  applyBot(bot: Bot): void;
}

export const useBotsStore = create<BotsState>((set, get) => {
  const select = (selectedId: string | null) => {
    if (selectedId !== get().selectedId) saveSelection(selectedId);
    set({ selectedId });
  };
  return {
    bots: [],
    instruments: [],
    selectedId: savedSelection(),
    editing: null,
    seed: null,
    loaded: false,
    refresh: singleFlight(async () => {
      const bots = await client.bots.list();
      const selectedId = get().selectedId;
      set({ bots, loaded: true });
      select(bots.some((b) => b.id === selectedId) ? selectedId : (bots[0]?.id ?? null));
    }),
    loadInstruments: singleFlight(async () => set({ instruments: await client.market.instruments() })),
    select: (id) => {
      select(id);
      set({ editing: null });
    },
    edit: (target, seed) => set({ editing: target, seed: seed ?? null }),
    applyBot: (bot) => set({ bots: get().bots.map((b) => (b.id === bot.id ? { ...b, ...bot } : b)) }),
  };
});

export const useSelectedBot = () => useBotsStore((s) => s.bots.find((b) => b.id === s.selectedId) ?? null);

export const useInstrument = (symbol: string | undefined) => useBotsStore((s) => s.instruments.find((i) => i.symbol === symbol));
