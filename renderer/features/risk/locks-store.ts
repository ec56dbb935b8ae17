import { create } from 'zustand';
import type { EntryBlock, RiskLock } from '../../../shared/contract/risk-locks.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';
import { singleFlight } from '../../stores/single-flight.ts';

interface LocksState {
  /** Locks holding now, then those ended or lifted in the last day; every account. */
  locks: RiskLock[];
  /** Why each bot cannot enter now (bots absent can). */
  blocks: Record<string, string>;
  /** Why the last lift failed, in plain words. */
  error: string | null;
  refresh(): Promise<void>;
  lift(id: number): Promise<void>;
}

const byBot = (blocks: EntryBlock[]) => Object.fromEntries(blocks.map((b) => [b.botId, b.reason]));

/** Protection locks and the bots they (or the emergency stop) keep from entering; refreshed on the engine's risk events. */
export const useLocksStore = create<LocksState>((set, get) => ({
  locks: [],
  blocks: {},
  error: null,
  refresh: singleFlight(async () => {
    const [locks, blocks] = await Promise.all([client.risk.locks(), client.risk.entryBlocks()]);
    set({ locks, blocks: byBot(blocks) });
  }),
  lift: async (id) => {
    try {
      await client.risk.liftLock({ id });
      set({ error: null });
    } catch (error) {
      set({ error: `The lock was not lifted: ${errorMessage(error)}` });
    }
    await get().refresh();
  },
}));
