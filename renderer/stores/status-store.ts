import { create } from 'zustand';
import type { EngineStatus } from '../../shared/contract/engine.ts';
import { client, connectionState, onConnectionChange, type ConnectionState } from '../rpc/client.ts';
import { singleFlight } from './single-flight.ts';

interface StatusState {
  status: EngineStatus | null;
  connection: ConnectionState;
  refresh(): Promise<void>;
}

export const useStatusStore = create<StatusState>((set) => ({
  status: null,
  connection: connectionState(),
  refresh: singleFlight(async () => set({ status: await client.engine.status() })),
}));

onConnectionChange((connection) => useStatusStore.setState({ connection }));
