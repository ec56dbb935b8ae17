/// <reference lib="dom" />
import { ipcRenderer } from 'electron';
import { CONNECT_MESSAGE, PORT_CHANNEL } from '../../shared/ipc.ts';

// Exposes nothing to the page. It only forwards the one MessagePort the renderer sends, over which
// the whole typed contract runs; the main process checks the sending frame before serving it.
window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.data !== CONNECT_MESSAGE) return;
  const [port] = event.ports;
  if (port) ipcRenderer.postMessage(PORT_CHANNEL, null, [port]);
});
