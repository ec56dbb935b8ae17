import { create } from 'zustand';
import type { Dashboard } from '../../../shared/contract/analytics.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { singleFlight } from '../../stores/single-flight.ts';

type Mode = 'paper' | 'live';

interface AnalyticsState {
  mode: Mode;
  dashboard: Dashboard | null;
  error: string | null;
  showMode(mode: Mode): void;
  /** Read again: called when the page opens and as fills and trades arrive. */
  refresh(): Promise<void>;
}

export const useAnalyticsStore = create<AnalyticsState>((set, get) => ({
  mode: 'paper',
  dashboard: null,
  error: null,
  showMode(mode) {
    set({ mode, dashboard: null });
    void get().refresh();
  },
  refresh: singleFlight(async () => {
    const mode = get().mode;
    try {
      const dashboard = await client.analytics.dashboard({ mode });
      // An answer for the mode the trader has just left is dropped.
      if (get().mode === mode) set({ dashboard, error: null });
    } catch (error) {
      if (get().mode === mode) set({ error: errorMessage(error) });
    }
  }),
}));
