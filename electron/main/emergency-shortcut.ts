import type { GlobalShortcut } from 'electron';
import type { EngineProcess } from './engine-process.ts';
import { EMERGENCY_ACCELERATOR } from './menu.ts';

/**
 * The emergency stop from anywhere, the app in the background too: the keys block every new entry.
 * Another application may hold the keys already; the menu item and the header button still work,
 * and the log says so. Returns whether the keys were taken.
 */
export function registerEmergencyShortcut(shortcuts: Pick<GlobalShortcut, 'register'>, engine: Pick<EngineProcess, 'emergencyStop'>, log: (message: string) => void): boolean {
  const taken = shortcuts.register(EMERGENCY_ACCELERATOR, () => {
    const sent = engine.emergencyStop('shortcut');
    log(sent ? 'Emergency stop pressed (global shortcut): blocking every new entry' : 'Emergency stop pressed while the engine is stopping: no order can be placed anyway');
  });
  if (!taken) log(`The emergency stop shortcut ${EMERGENCY_ACCELERATOR} is held by another application: use the menu Trading → Emergency Stop or the button in the window`);
  return taken;
}
