import { createORPCClient } from '@orpc/client';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract } from '../../shared/contract/index.ts';
import { CONNECT_MESSAGE } from '../../shared/ipc.ts';

export type EngineClient = ContractRouterClient<Contract>;

const TOKEN_KEY = 'stoxrobot.token';

/**
 * The desktop app (custom `app:` protocol) talks over a MessagePort its preload hands to the main
 * process; a browser talks to the headless host over a WebSocket carrying the access token.
 */
function connect(onDisconnect: () => void): EngineClient {
  if (location.protocol === 'app:') {
    const { port1, port2 } = new MessageChannel();
    window.postMessage(CONNECT_MESSAGE, location.origin, [port2]);
    port1.start();
    return createORPCClient(new MessagePortLink({ port: port1 }));
  }
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc?token=${encodeURIComponent(accessToken())}`);
  socket.addEventListener('close', onDisconnect);
  return createORPCClient(new WebSocketLink({ websocket: socket }));
}

/** The token arrives once in the URL; it is kept for this tab only and taken out of the address bar. */
function accessToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Listener = (connected: boolean) => void;
const listeners = new Set<Listener>();

export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** When the host goes away, wait until it answers again, then reload: every view starts fresh. */
async function waitForHostAndReload(): Promise<void> {
  for (const listener of listeners) listener(false);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const up = await fetch('/health', { cache: 'no-store' }).then((r) => r.ok, () => false);
    if (up) return location.reload();
  }
}

export const client: EngineClient = connect(() => void waitForHostAndReload());
