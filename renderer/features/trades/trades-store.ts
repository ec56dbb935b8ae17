import { create } from 'zustand';
import type { TradeDetail } from '../../../shared/contract/trade-detail.ts';
import type { TradeFilter, TradeSort, TradeTotals } from '../../../shared/contract/trade-history.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { singleFlight } from '../../stores/single-flight.ts';
import { PAGE_SIZE, type PagerState, TradePager } from './trade-pager.ts';

interface TradesState extends PagerState {
  filter: TradeFilter;
  sort: TradeSort;
  totals: TradeTotals | null;
  detail: TradeDetail | null;
  detailError: string | null;
  apply(filter: TradeFilter): void;
  sortBy(by: TradeSort['by']): void;
  loadMore(): void;
  /** Reads totals and the first page again (the page opening). */
  refresh(): Promise<void>;
  /** New trades landed: totals are read again; the rows too unless the trader has scrolled past the first page (which would jump away under them). */
  tradesChanged(): Promise<void>;
  open(id: number | null): Promise<void>;
}

const DEFAULT_SORT: TradeSort = { by: 'closedAt', dir: 'desc' };

/** The Trades page: every bot's and account's closed trades under the trader's filter, loaded as they scroll. */
export const useTradesStore = create<TradesState>((set, get) => {
  const pager = new TradePager((input) => client.trades.history(input), (state) => set(state), { filter: {}, sort: DEFAULT_SORT });
  let totalsAsked = 0;
  const reload = (rows = true) => {
    const { filter, sort } = get();
    if (rows) void pager.reset({ filter, sort });
    const asked = ++totalsAsked;
    client.trades
      .totals({ filter })
      // An older filter's totals landing late must not sit above the new filter's rows.
      .then((totals) => asked === totalsAsked && set({ totals }))
      .catch((error: unknown) => asked === totalsAsked && set({ totals: null, error: errorMessage(error) }));
  };
  return {
    ...pager.state,
    filter: {},
    sort: DEFAULT_SORT,
    totals: null,
    detail: null,
    detailError: null,
    apply(filter) {
      set({ filter, detail: null });
      reload();
    },
    sortBy(by) {
      const { sort } = get();
      set({ sort: { by, dir: sort.by === by && sort.dir === 'desc' ? 'asc' : 'desc' } });
      reload();
    },
    loadMore: () => void pager.loadMore(),
    refresh: singleFlight(async () => reload()),
    tradesChanged: singleFlight(async () => reload(get().rows.length <= PAGE_SIZE)),
    async open(id) {
      set({ detail: null, detailError: null });
      if (id === null) return;
      try {
        const detail = await client.trades.detail({ id });
        set({ detail });
      } catch (error) {
        set({ detailError: errorMessage(error) });
      }
    },
  };
});
