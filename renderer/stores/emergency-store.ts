import { create } from 'zustand';
import type { EmergencyLevel, EmergencyStopStatus, StopSource } from '../../shared/contract/risk.ts';
import { client } from '../rpc/client.ts';
import { errorMessage } from '../rpc/errors.ts';
import { singleFlight } from './single-flight.ts';

interface EmergencyState {
  status: EmergencyStopStatus | null;
  /** The level-choice dialog is open (from the button, the shortcut or the menu). */
  choosing: StopSource | null;
  /** Why the last engage or lift failed, in plain words. */
  error: string | null;
  refresh(): Promise<void>;
  choose(source: StopSource | null): void;
  engage(level: EmergencyLevel, source: StopSource): Promise<void>;
  lift(): Promise<void>;
}

export const useEmergencyStore = create<EmergencyState>((set) => ({
  status: null,
  choosing: null,
  error: null,
  refresh: singleFlight(async () => set({ status: await client.risk.status() })),
  choose: (choosing) => set({ choosing, error: null }),
  engage: async (level, source) => {
    try {
      set({ status: await client.risk.emergencyStop({ level, source }), choosing: null, error: null });
    } catch (error) {
      set({ error: `The emergency stop did not reach the engine: ${errorMessage(error)}` });
    }
  },
  lift: async () => {
    try {
      set({ status: await client.risk.liftEmergencyStop({ source: 'button' }), error: null });
    } catch (error) {
      set({ error: `The stop was not lifted: ${errorMessage(error)}` });
    }
  },
}));
