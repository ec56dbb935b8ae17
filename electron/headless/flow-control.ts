import { WebSocket } from 'ws';

/**
 * Bytes a client may leave unread before the host gives up on it. A browser tab keeps up with
 * coalesced streams easily; one this far behind is stuck, and holding more for it would grow the
 * host without bound. Closed, it reconnects and starts again from a fresh snapshot.
 */
export const MAX_QUEUED_BYTES_PER_CLIENT = 8 * 1024 * 1024;

/**
 * The socket as oRPC's handler sees it: `send` resolves once the message has left for the kernel.
 * oRPC awaits each send before pulling a stream's next event, so a slow reader holds a stream
 * back (its coalescing buffer keeps only the latest state) instead of piling frames up here.
 */
export function flowControlled(ws: WebSocket, maxQueuedBytes = MAX_QUEUED_BYTES_PER_CLIENT): Pick<WebSocket, 'addEventListener' | 'send'> {
  const waiting = new Set<() => void>();
  ws.on('close', () => {
    for (const release of waiting) release();
    waiting.clear();
  });
  return {
    addEventListener: ws.addEventListener.bind(ws) as WebSocket['addEventListener'],
    send: (data: Parameters<WebSocket['send']>[0]) =>
      new Promise<void>((resolve) => {
        // A closed client's stream is aborted by oRPC on 'close'; until then its sends are no-ops.
        if (ws.readyState !== WebSocket.OPEN) return resolve();
        waiting.add(resolve);
        ws.send(data, () => {
          waiting.delete(resolve);
          resolve();
        });
        if (ws.bufferedAmount > maxQueuedBytes) ws.terminate();
      }),
  };
}
