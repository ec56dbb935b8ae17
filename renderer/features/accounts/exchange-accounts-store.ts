import { create } from 'zustand';
import type { ExchangeAccount, ExchangeInfoView, KeychainStatus } from '../../../shared/domain/account.ts';
import type { ExchangeConnection } from '../../../shared/contract/accounts.ts';
import { client } from '../../rpc/client.ts';

interface ExchangeAccountsState {
  accounts: ExchangeAccount[];
  exchanges: ExchangeInfoView[];
  keychain: KeychainStatus | null;
  /** Whether each account's venue is open, and what the last attempt met. */
  connections: ExchangeConnection[];
  /** The account being edited, 'new' while adding one, null while only the list shows. */
  editing: string | 'new' | null;
  refresh(): Promise<void>;
  edit(target: string | 'new' | null): void;
  /** True when the keychain kept the keys for now (locked): they go at a later start. */
  remove(accountId: string): Promise<boolean>;
}

/** Exchange accounts (keys shown only as configured and their last 4 characters), the exchanges to pick from, and the keychain's state. */
export const useExchangeAccountsStore = create<ExchangeAccountsState>((set, get) => ({
  accounts: [],
  exchanges: [],
  keychain: null,
  connections: [],
  editing: null,
  async refresh() {
    const [accounts, keychain, connections, exchanges] = await Promise.all([
      client.accounts.exchangeAccounts(),
      client.accounts.keychain(),
      client.accounts.connections(),
      get().exchanges.length > 0 ? get().exchanges : client.accounts.exchanges(),
    ]);
    set({ accounts, keychain, connections, exchanges });
  },
  edit: (editing) => set({ editing }),
  async remove(accountId) {
    const { keysLeftInKeychain } = await client.accounts.remove({ accountId });
    await get().refresh();
    return keysLeftInKeychain;
  },
}));
