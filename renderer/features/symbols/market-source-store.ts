import { create } from 'zustand';
import type { MarketSource, MarketSourceStatus } from '../../../shared/contract/market.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { singleFlight } from '../../stores/single-flight.ts';

interface MarketSourceState {
  status: MarketSourceStatus | null;
  /** Symbols enabled on the exchange the form names: with none, the simulated market would run instead. */
  enabledCount: number | null;
  error: string | null;
  notice: string | null;
  refresh(): Promise<void>;
  countEnabled(exchangeId: string): Promise<void>;
  save(source: MarketSource): Promise<void>;
}

/** The market source: which market runs, the one stored for the next start, and the live feed's status. */
export const useMarketSourceStore = create<MarketSourceState>((set, get) => ({
  status: null,
  enabledCount: null,
  error: null,
  notice: null,
  refresh: singleFlight(async () => {
    try {
      set({ status: await client.market.source() });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  }),
  async countEnabled(exchangeId) {
    try {
      set({ enabledCount: exchangeId ? (await client.symbols.list({ exchangeId })).length : null });
    } catch {
      // An id that is not an exchange's: the save says why, in its own words.
      set({ enabledCount: null });
    }
  },
  async save(source) {
    try {
      const status = await client.market.setSource(source);
      set({ status, error: null, notice: status.next ? 'Saved: the new market source takes effect at the next start of the engine.' : 'Saved: this is the market running now.' });
    } catch (error) {
      set({ error: errorMessage(error), notice: null });
      await get().refresh();
    }
  },
}));
