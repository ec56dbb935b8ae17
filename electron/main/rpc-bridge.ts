import type { IpcMain, IpcMainEvent, MessagePortMain } from 'electron';
import { PORT_CHANNEL } from '../../shared/ipc.ts';
import { isTrustedSender } from './navigation-guard.ts';

/**
 * Hands the MessagePort the preload forwards straight to the engine process, which serves the
 * contract on it: no request passes through the main process. A port from any frame other than
 * the app's own top frame is closed unused.
 */
export function relayPortsToEngine(ipc: Pick<IpcMain, 'on'>, handOver: (port: MessagePortMain) => void): void {
  ipc.on(PORT_CHANNEL, (event: IpcMainEvent) => {
    const [port] = event.ports;
    if (!port) return;
    if (!isTrustedSender(event.senderFrame)) {
      port.close();
      return;
    }
    handOver(port);
  });
}
