import type { SupportedMessagePort } from '@orpc/client/message-port';
import type { StartupFailure } from './startup-failure.ts';

/**
 * What the process that starts the engine (Electron's main process, a test, a benchmark) and the
 * engine host say to each other. The contract itself never runs here: `connect` hands over a port
 * from a renderer, and the engine serves the contract on it directly.
 */
/**
 * `wake`: the computer woke from sleep; every account is reconciled with its venue again.
 * `emergencyStop`: the desktop menu item or global shortcut; the engine blocks every new entry.
 */
export type ToEngineHost =
  | { type: 'connect' }
  | { type: 'stop' }
  | { type: 'wake' }
  | { type: 'emergencyStop'; source: 'menu' | 'shortcut' }
  /** The answer to `chooseExportFile` with the same id: the path picked in the save dialog, or null (closed). */
  | { type: 'exportFileChosen'; id: number; file: string | null };

export type FromEngineHost =
  | { type: 'ready'; pid: number; webhookUrl: string | null; webhookError: string | null }
  | { type: 'failed'; failure: StartupFailure }
  | { type: 'stopped' }
  /** Something the trader should see now: the main process shows it as a system notification. */
  | { type: 'notify'; kind: string; title: string; body: string }
  /** An export asks where to save: the main process shows the native save dialog and answers `exportFileChosen`. */
  | { type: 'chooseExportFile'; id: number; suggestedName: string };

/** A port the contract can be served on: Node's `MessagePort` or Electron's `MessagePortMain`. */
export type ServablePort = SupportedMessagePort & { start(): void; close(): void };

/** The engine host's side of its link to the process that started it. */
export interface HostChannel {
  /** Messages sent before a listener is attached are queued by both Node and Electron. */
  onMessage(listener: (message: ToEngineHost, ports: readonly ServablePort[]) => void): void;
  post(message: FromEngineHost): void;
}
