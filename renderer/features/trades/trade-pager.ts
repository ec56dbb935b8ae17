import type { HistoryTrade, TradeFilter, TradePage, TradeSort } from '../../../shared/contract/trade-history.ts';

export interface TradeQuery {
  filter: TradeFilter;
  sort: TradeSort;
}

export type FetchPage = (input: TradeQuery & { cursor?: string; limit: number }) => Promise<TradePage>;

export interface PagerState {
  rows: readonly HistoryTrade[];
  /** More rows exist beyond those loaded. */
  more: boolean;
  loading: boolean;
  error: string | null;
}

/** Rows per request: a screenful several times over, small enough to answer at once. */
export const PAGE_SIZE = 200;

/**
 * Loads the history page by page from the engine's cursor as the trader scrolls. A new filter or
 * sort starts a new generation: a page still in flight for the old one is dropped when it lands,
 * so a slow answer never mixes rows of two filters, and no page is asked for twice at once.
 */
export class TradePager {
  readonly #fetch: FetchPage;
  readonly #onChange: (state: PagerState) => void;
  #query: TradeQuery;
  #generation = 0;
  #cursor: string | null = null;
  #state: PagerState = { rows: [], more: true, loading: false, error: null };

  constructor(fetch: FetchPage, onChange: (state: PagerState) => void, query: TradeQuery) {
    this.#fetch = fetch;
    this.#onChange = onChange;
    this.#query = query;
  }

  get state(): PagerState {
    return this.#state;
  }

  /** Starts again from the first page of a new (or the same, refreshed) query. */
  reset(query: TradeQuery): Promise<void> {
    this.#query = query;
    this.#generation += 1;
    this.#cursor = null;
    this.#set({ rows: [], more: true, loading: false, error: null });
    return this.loadMore();
  }

  async loadMore(): Promise<void> {
    if (this.#state.loading || !this.#state.more) return;
    const generation = this.#generation;
    this.#set({ ...this.#state, loading: true, error: null });
    try {
      const page = await this.#fetch({ ...this.#query, ...(this.#cursor === null ? {} : { cursor: this.#cursor }), limit: PAGE_SIZE });
      if (generation !== this.#generation) return;
      this.#cursor = page.next;
      this.#set({ rows: [...this.#state.rows, ...page.rows], more: page.next !== null, loading: false, error: null });
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#set({ ...this.#state, loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  #set(state: PagerState): void {
    this.#state = state;
    this.#onChange(state);
  }
}
