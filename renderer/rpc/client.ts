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

/** `token_rejected`: the host answers but refuses this tab's token; reconnecting cannot fix that. */
export type ConnectionState = 'connected' | 'reconnecting' | 'token_rejected';
type Listener = (state: ConnectionState) => void;
const listeners = new Set<Listener>();

export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const notify = (state: ConnectionState) => {
  for (const listener of listeners) listener(state);
};

/**
 * When the socket closes, wait until the host answers again, then reload: every view starts fresh.
 * A browser hides why a WebSocket was refused, so the token is tried on the REST API: a 401 there
 * means this link's token is wrong or missing, and the wait ends with that message.
 */
async function waitForHostAndReload(): Promise<void> {
  notify('reconnecting');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const status = await fetch('/api/status', { cache: 'no-store', headers: { authorization: `Bearer ${accessToken()}` } }).then((r) => r.status, () => null);
    if (status === 401) return notify('token_rejected');
    if (status !== null && status < 500) return location.reload();
  }
}

export const client: EngineClient = connect(() => void waitForHostAndReload());
