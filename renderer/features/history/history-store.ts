import { create } from 'zustand';
import type { BackfillProgress, BackfillRequest, HistoryTimeframe, StoredSeries } from '../../../shared/contract/history.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

export interface AccountChoice {
  id: string;
  label: string;
  exchangeId: string;
}

interface HistoryState {
  series: StoredSeries[];
  accounts: AccountChoice[];
  backfills: BackfillProgress[];
  error: string | null;
  notice: string | null;
  load(): Promise<void>;
  importCsv(request: { path: string; venue: string; symbol: string; timeframe: HistoryTimeframe }): Promise<boolean>;
  remove(series: StoredSeries): Promise<void>;
  backfill(request: BackfillRequest): Promise<void>;
  cancel(id: string): Promise<void>;
}

const running = (p: BackfillProgress) => p.state === 'running' || p.state === 'waiting';
const followed = new Set<string>();

/** The History page: stored series, CSV import and exchange backfills with live progress. */
export const useHistoryStore = create<HistoryState>((set) => {
  const upsert = (progress: BackfillProgress) => set((s) => ({ backfills: [progress, ...s.backfills.filter((b) => b.id !== progress.id)] }));
  const refreshSeries = async () => set({ series: await client.history.series() });

  /** Hears one backfill until it ends; the series list is read again when it does. */
  async function follow(id: string): Promise<void> {
    if (followed.has(id)) return;
    followed.add(id);
    try {
      for await (const progress of await client.history.progress({ id })) upsert(progress);
      await refreshSeries();
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      followed.delete(id);
    }
  }

  return {
    series: [],
    accounts: [],
    backfills: [],
    error: null,
    notice: null,
    load: async () => {
      try {
        const [series, accounts, backfills] = await Promise.all([client.history.series(), client.accounts.exchangeAccounts(), client.history.backfills()]);
        set({ series, backfills, accounts: accounts.map((a) => ({ id: a.id, label: a.label, exchangeId: a.exchangeId })), error: null });
        for (const b of backfills.filter(running)) void follow(b.id);
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    importCsv: async (request) => {
      try {
        const { inserted, alreadyStored, report } = await client.history.import(request);
        const extras = [report.duplicates > 0 ? `${report.duplicates} duplicate rows skipped` : '', report.gapCount > 0 ? `${report.gapCount} gaps (${report.missingBars} bars missing)` : ''].filter(Boolean);
        set({ error: null, notice: `Imported ${inserted.toLocaleString()} new bars of ${request.symbol} ${request.timeframe} (${alreadyStored.toLocaleString()} already stored)${extras.length ? `; ${extras.join(', ')}` : ''}` });
        await refreshSeries();
        return true;
      } catch (error) {
        set({ error: errorMessage(error), notice: null });
        return false;
      }
    },
    remove: async (series) => {
      try {
        const { deleted } = await client.history.delete({ venue: series.venue, symbol: series.symbol, timeframe: series.timeframe as HistoryTimeframe });
        set({ error: null, notice: `Deleted ${deleted.toLocaleString()} bars of ${series.symbol} ${series.timeframe} from ${series.venue}` });
        await refreshSeries();
      } catch (error) {
        set({ error: errorMessage(error), notice: null });
      }
    },
    backfill: async (request) => {
      try {
        const started = await client.history.backfill(request);
        upsert(started);
        set({ error: null, notice: null });
        void follow(started.id);
      } catch (error) {
        set({ error: errorMessage(error), notice: null });
      }
    },
    cancel: async (id) => {
      try {
        upsert(await client.history.cancel({ id }));
        await refreshSeries();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  };
});
