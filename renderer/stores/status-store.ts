import { create } from 'zustand';
import type { EngineStatus } from '../../shared/contract/engine.ts';
import { client, onConnectionChange } from '../rpc/client.ts';

interface StatusState {
  status: EngineStatus | null;
  connected: boolean;
  /** The host refuses this tab's access token: show how to get a good link instead of reconnecting. */
  tokenRejected: boolean;
  refresh(): Promise<void>;
}

export const useStatusStore = create<StatusState>((set) => ({
  status: null,
  connected: true,
  tokenRejected: false,
  async refresh() {
    set({ status: await client.engine.status() });
  },
}));

onConnectionChange((state) => useStatusStore.setState({ connected: state === 'connected', tokenRejected: state === 'token_rejected' }));
