import { create } from 'zustand';
import type { EngineStatus } from '../../shared/contract/engine.ts';
import { client, onConnectionChange } from '../rpc/client.ts';

interface StatusState {
  status: EngineStatus | null;
  connected: boolean;
  refresh(): Promise<void>;
}

export const useStatusStore = create<StatusState>((set) => ({
  status: null,
  connected: true,
  async refresh() {
    set({ status: await client.engine.status() });
  },
}));

onConnectionChange((connected) => useStatusStore.setState({ connected }));
