import { create } from 'zustand';
import type { BotSummary } from '../../shared/domain/bot.ts';
import type { Instrument } from '../../shared/domain/instrument.ts';
import { client } from '../rpc/client.ts';

interface BotsState {
  bots: BotSummary[];
  instruments: Instrument[];
  selectedId: string | null;
  editing: 'new' | string | null;
  loaded: boolean;
  refresh(): Promise<void>;
  loadInstruments(): Promise<void>;
  select(id: string | null): void;
  edit(target: 'new' | string | null): void;
}

export const useBotsStore = create<BotsState>((set, get) => ({
  bots: [],
  instruments: [],
  selectedId: null,
  editing: null,
  loaded: false,
  async refresh() {
    const bots = await client.bots.list();
    const selectedId = get().selectedId;
    const stillThere = bots.some((b) => b.id === selectedId);
    set({ bots, loaded: true, selectedId: stillThere ? selectedId : (bots[0]?.id ?? null) });
  },
  async loadInstruments() {
    set({ instruments: await client.market.instruments() });
  },
  select: (id) => set({ selectedId: id, editing: null }),
  edit: (target) => set({ editing: target }),
}));

export const useSelectedBot = () => useBotsStore((s) => s.bots.find((b) => b.id === s.selectedId) ?? null);
