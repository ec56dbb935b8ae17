import { create } from 'zustand';
import type { DiscoveredMarket, DiscoveryType, SymbolSort } from '../../../shared/domain/symbol.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { singleFlight } from '../../stores/single-flight.ts';

export interface FilterDraft {
  quote: string;
  types: DiscoveryType[];
  minQuoteVolume24h: number;
  activeOnly: boolean;
  search: string;
}

export const PAGE_SIZE = 100;

interface SymbolsState {
  exchanges: string[];
  exchangeId: string;
  filters: FilterDraft;
  sort: SymbolSort;
  offset: number;
  total: number;
  markets: DiscoveredMarket[];
  /** Ticked symbols, kept across pages so a batch can span them. */
  selected: ReadonlySet<string>;
  loading: boolean;
  error: string | null;
  /** What the last batch did, in words. */
  notice: string | null;
  loadExchanges(): Promise<void>;
  setExchange(exchangeId: string): void;
  setFilters(filters: Partial<FilterDraft>): void;
  sortBy(by: SymbolSort['by']): void;
  goTo(offset: number): void;
  refresh(): Promise<void>;
  toggle(symbol: string): void;
  toggleAll(symbols: readonly string[], on: boolean): void;
  applyBatch(action: 'enable' | 'disable'): Promise<void>;
  setMultiplier(symbol: string, riskMultiplier: number): Promise<string | null>;
}

/**
 * The symbols page: filters and paging are sent to the engine, which sorts and pages all of an
 * exchange's markets. Refreshes run one after another (single flight), each reading the latest
 * filters, so a slow answer for old filters never replaces the answer for new ones.
 */
export const useSymbolsStore = create<SymbolsState>((set, get) => ({
  exchanges: [],
  exchangeId: '',
  filters: { quote: 'USDT', types: ['spot'], minQuoteVolume24h: 0, activeOnly: true, search: '' },
  sort: { by: 'volume', direction: 'desc' },
  offset: 0,
  total: 0,
  markets: [],
  selected: new Set(),
  loading: false,
  error: null,
  notice: null,
  async loadExchanges() {
    try {
      const exchanges = await client.symbols.exchanges();
      set({ exchanges });
      // With one exchange there is nothing to pick; among ccxt's hundred the trader names one.
      if (!get().exchangeId && exchanges.length === 1 && exchanges[0]) get().setExchange(exchanges[0]);
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  setExchange(exchangeId) {
    set({ exchangeId: exchangeId.trim().toLowerCase(), offset: 0, selected: new Set(), markets: [], total: 0, notice: null });
    void get().refresh();
  },
  setFilters(filters) {
    set({ filters: { ...get().filters, ...filters }, offset: 0 });
    void get().refresh();
  },
  sortBy(by) {
    const { sort } = get();
    // A new column starts in its natural order (names A to Z, volumes largest first); a second click flips it.
    const natural = by === 'symbol' ? 'asc' : 'desc';
    const flipped = sort.direction === 'asc' ? 'desc' : 'asc';
    set({ sort: { by, direction: sort.by === by ? flipped : natural }, offset: 0 });
    void get().refresh();
  },
  goTo(offset) {
    set({ offset: Math.max(0, offset) });
    void get().refresh();
  },
  refresh: singleFlight(async () => {
    const { exchangeId, filters, sort, offset } = get();
    if (!exchangeId) return;
    set({ loading: true });
    try {
      const { quote, search, ...rest } = filters;
      const page = await client.symbols.discover({
        exchangeId,
        filters: { ...rest, ...(quote.trim() ? { quote: quote.trim() } : {}), ...(search.trim() ? { search: search.trim() } : {}) },
        sort,
        offset,
        limit: PAGE_SIZE,
      });
      set({ total: page.total, markets: page.markets, error: page.notice });
    } catch (error) {
      set({ error: errorMessage(error), markets: [], total: 0 });
    } finally {
      set({ loading: false });
    }
  }),
  toggle(symbol) {
    const selected = new Set(get().selected);
    if (!selected.delete(symbol)) selected.add(symbol);
    set({ selected });
  },
  toggleAll(symbols, on) {
    const selected = new Set(get().selected);
    for (const symbol of symbols) {
      if (on) selected.add(symbol);
      else selected.delete(symbol);
    }
    set({ selected });
  },
  async applyBatch(action) {
    const { exchangeId, selected } = get();
    const symbols = [...selected];
    if (symbols.length === 0) return;
    try {
      const enabled = action === 'enable' ? await client.symbols.enable({ exchangeId, symbols }) : await client.symbols.disable({ exchangeId, symbols });
      set({ selected: new Set(), error: null, notice: `${action === 'enable' ? 'Enabled' : 'Disabled'} ${symbols.length} symbol${symbols.length === 1 ? '' : 's'}; ${enabled.length} enabled on ${exchangeId}.` });
    } catch (error) {
      set({ error: errorMessage(error), notice: null });
    }
    await get().refresh();
  },
  async setMultiplier(symbol, riskMultiplier) {
    try {
      await client.symbols.setRiskMultiplier({ exchangeId: get().exchangeId, symbol, riskMultiplier });
      set({ markets: get().markets.map((m) => (m.symbol === symbol ? { ...m, riskMultiplier } : m)) });
      return null;
    } catch (error) {
      return errorMessage(error);
    }
  },
}));
