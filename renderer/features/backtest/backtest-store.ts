import { create } from 'zustand';
import type { BacktestCandles, BacktestRun, BacktestRunInput, BacktestRunSummary } from '../../../shared/contract/backtest.ts';
import type { StoredSeries } from '../../../shared/contract/history.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

/** At most this many runs side by side: more curves than this cannot be told apart. */
export const MAX_COMPARED = 4;

interface BacktestState {
  series: StoredSeries[];
  runs: BacktestRunSummary[];
  /** Runs read in full, by id: the open one and the compared ones. */
  details: Record<string, BacktestRun>;
  openId: string | null;
  candles: (BacktestCandles & { id: string }) | null;
  compareIds: string[];
  progress: { done: number; total: number } | null;
  error: string | null;
  notice: string | null;
  load(): Promise<void>;
  run(input: BacktestRunInput): Promise<void>;
  cancel(): void;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  toggleCompare(id: string): Promise<void>;
}

/** The running backtest's stream: aborting it closes the stream, which cancels the run in the engine. */
let running: AbortController | null = null;

/** The Backtest page: stored series to test on, one run at a time with progress, saved runs and comparisons. */
export const useBacktestStore = create<BacktestState>((set, get) => {
  const fail = (error: unknown) => set({ error: errorMessage(error), notice: null });
  const detail = async (id: string): Promise<BacktestRun> => {
    const known = get().details[id];
    if (known) return known;
    const run = await client.backtest.get({ id });
    set((s) => ({ details: { ...s.details, [id]: run } }));
    return run;
  };

  return {
    series: [],
    runs: [],
    details: {},
    openId: null,
    candles: null,
    compareIds: [],
    progress: null,
    error: null,
    notice: null,
    load: async () => {
      try {
        const [series, runs] = await Promise.all([client.history.series(), client.backtest.list()]);
        set({ series, runs });
      } catch (error) {
        fail(error);
      }
    },
    run: async (input) => {
      if (running) return;
      const controller = (running = new AbortController());
      set({ progress: { done: 0, total: 0 }, error: null, notice: null });
      try {
        for await (const event of await client.backtest.run(input, { signal: controller.signal })) {
          if (event.kind === 'progress') set({ progress: { done: event.done, total: event.total } });
          else {
            set((s) => ({ runs: [event.run, ...s.runs.filter((r) => r.id !== event.run.id)] }));
            void get().open(event.run.id);
          }
        }
      } catch (error) {
        if (controller.signal.aborted) {
          set({ notice: 'Backtest cancelled: nothing was saved' });
          // A run that finished as the cancel went out is saved: the list read again shows it.
          void get().load();
        } else fail(error);
      } finally {
        running = null;
        set({ progress: null });
      }
    },
    cancel: () => running?.abort(),
    open: async (id) => {
      set({ openId: id, error: null });
      try {
        await detail(id);
        const candles = await client.backtest.candles({ id });
        // A slower answer for a run opened earlier must not replace the one opened since.
        if (get().openId === id) set({ candles: { id, ...candles } });
      } catch (error) {
        if (get().openId === id) fail(error);
      }
    },
    remove: async (id) => {
      try {
        await client.backtest.delete({ id });
      } catch (error) {
        return fail(error);
      }
      set((s) => {
        const { [id]: _removed, ...details } = s.details;
        return {
          runs: s.runs.filter((r) => r.id !== id),
          details,
          compareIds: s.compareIds.filter((c) => c !== id),
          ...(s.openId === id ? { openId: null, candles: null } : {}),
          notice: 'Saved run deleted',
          error: null,
        };
      });
    },
    toggleCompare: async (id) => {
      const { compareIds } = get();
      if (compareIds.includes(id)) return set({ compareIds: compareIds.filter((c) => c !== id) });
      if (compareIds.length >= MAX_COMPARED) return set({ error: `Compare at most ${MAX_COMPARED} runs at once; untick one first`, notice: null });
      set({ compareIds: [...compareIds, id], error: null });
      try {
        await detail(id);
      } catch (error) {
        set((s) => ({ compareIds: s.compareIds.filter((c) => c !== id) }));
        fail(error);
      }
    },
  };
});
