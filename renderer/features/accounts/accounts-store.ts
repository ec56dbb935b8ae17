import { create } from 'zustand';
import type { AccountSummary, StartingBalance } from '../../../shared/domain/account.ts';
import { client } from '../../rpc/client.ts';

interface AccountsState {
  accounts: AccountSummary[];
  refresh(): Promise<void>;
  configure(accountId: string, startingBalances: StartingBalance[]): Promise<void>;
  reset(accountId: string): Promise<void>;
}

/** Every account's balances and equity; refreshed on a slow timer, and right after the trader changes one. */
export const useAccountsStore = create<AccountsState>((set, get) => ({
  accounts: [],
  async refresh() {
    set({ accounts: await client.accounts.list() });
  },
  async configure(accountId, startingBalances) {
    await client.accounts.configure({ accountId, startingBalances });
    await get().refresh();
  },
  async reset(accountId) {
    await client.accounts.reset({ accountId });
    await get().refresh();
  },
}));
