import type { IpcMain, IpcMainEvent } from 'electron';
import { RPCHandler } from '@orpc/server/message-port';
import { errorInterceptors } from '../engine/api/error-interceptor.ts';
import type { Engine } from '../engine/index.ts';
import { PORT_CHANNEL } from '../../shared/ipc.ts';
import { isTrustedSender } from './navigation-guard.ts';

/**
 * Serves the contract over the MessagePort the preload forwards. A port from any frame other
 * than the app's own top frame is closed unused.
 */
export function serveContractOverPorts(ipc: Pick<IpcMain, 'on'>, engine: Engine): void {
  const handler = new RPCHandler(engine.router, errorInterceptors(engine.logger));
  ipc.on(PORT_CHANNEL, (event: IpcMainEvent) => {
    const [port] = event.ports;
    if (!port) return;
    if (!isTrustedSender(event.senderFrame)) {
      port.close();
      return;
    }
    handler.upgrade(port, { context: { engine: engine.services } });
    port.start();
  });
}
