import { create } from 'zustand';
import type { AccountRiskLimits, GovernorAccount, RiskLimits } from '../../../shared/contract/risk-limits.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

interface RiskLimitsState {
  limits: AccountRiskLimits[];
  status: GovernorAccount[];
  /** The last refusal or failure of a lift, in the engine's words. */
  message: string | null;
  refresh(): Promise<void>;
  /** Stores one account's limits; throws the engine's error so the form can show it beside its fields. */
  save(accountId: string, limits: RiskLimits): Promise<void>;
  lift(accountId: string): Promise<void>;
}

/** Each account's governor limits and its live figures and locks, read from the engine. */
export const useRiskLimitsStore = create<RiskLimitsState>((set, get) => ({
  limits: [],
  status: [],
  message: null,
  async refresh() {
    const [limits, status] = await Promise.all([client.risk.limits(), client.risk.governor()]);
    set({ limits, status });
  },
  async save(accountId, limits) {
    const saved = await client.risk.setLimits({ accountId, limits });
    set({ limits: get().limits.map((l) => (l.accountId === accountId ? saved : l)) });
    await get().refresh().catch(() => undefined);
  },
  async lift(accountId) {
    set({ message: null });
    try {
      const updated = await client.risk.liftDrawdownLock({ accountId });
      set({ status: get().status.map((s) => (s.accountId === accountId ? updated : s)) });
    } catch (error) {
      set({ message: errorMessage(error) });
    }
  },
}));
