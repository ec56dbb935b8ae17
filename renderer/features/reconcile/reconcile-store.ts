import { create } from 'zustand';
import type { AccountReconciliation, ResolveMismatch } from '../../../shared/contract/reconcile.ts';
import { client } from '../../rpc/client.ts';
import { errorMessage } from '../../rpc/errors.ts';

interface ReconcileState {
  accounts: AccountReconciliation[];
  /** The last refusal or failure, in the engine's words, until the next action. */
  message: string | null;
  busy: boolean;
  refresh(): Promise<void>;
  run(accountId: string): Promise<void>;
  resolve(decision: ResolveMismatch): Promise<void>;
}

/** Each account's reconciliation and what it could not settle; the trader's decisions go straight to the engine. */
export const useReconcileStore = create<ReconcileState>((set, get) => {
  const act = async (work: () => Promise<AccountReconciliation>) => {
    set({ busy: true, message: null });
    try {
      const updated = await work();
      set({ accounts: get().accounts.map((a) => (a.accountId === updated.accountId ? updated : a)) });
    } catch (error) {
      set({ message: errorMessage(error) });
      await get().refresh().catch(() => undefined);
    } finally {
      set({ busy: false });
    }
  };
  return {
    accounts: [],
    message: null,
    busy: false,
    async refresh() {
      set({ accounts: await client.reconcile.list() });
    },
    run: (accountId) => act(() => client.reconcile.run({ accountId })),
    resolve: (decision) => act(() => client.reconcile.resolve(decision)),
  };
});
