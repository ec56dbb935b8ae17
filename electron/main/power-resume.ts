import type { PowerMonitor } from 'electron';
import type { EngineProcess } from './engine-process.ts';

/**
 * After the computer sleeps, orders may have filled or been canceled at the exchange while nothing
 * listened: on `resume` the engine reconciles every account before its bots place new orders.
 */
export function reconcileOnResume(powerMonitor: Pick<PowerMonitor, 'on'>, engine: Pick<EngineProcess, 'wake'>, log: (message: string) => void): void {
  powerMonitor.on('resume', () => {
    log('The computer woke from sleep; the engine reconciles every account');
    engine.wake();
  });
}
