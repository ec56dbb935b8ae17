import { createORPCClient } from '@orpc/client';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract } from '../../shared/contract/index.ts';
import { CONNECT_MESSAGE } from '../../shared/ipc.ts';
import { backoffMs, delay } from './backoff.ts';
import { setConnectionState } from './connection.ts';

export type EngineClient = ContractRouterClient<Contract>;
export { connectionState, onConnectionChange, whenConnected, type ConnectionState } from './connection.ts';

const TOKEN_KEY = 'stoxrobot.token';

/** The token arrives once in the URL; it is kept for this tab only and taken out of the address bar. */
function accessToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The desktop app (custom `app:` protocol) talks over a MessagePort its preload hands to the main process. */
function connectPort(): EngineClient {
  const { port1, port2 } = new MessageChannel();
  window.postMessage(CONNECT_MESSAGE, location.origin, [port2]);
  port1.start();
  setConnectionState('open');
  return createORPCClient(new MessagePortLink({ port: port1 }));
}

let current: EngineClient;

/**
 * A browser talks to the headless host over a WebSocket carrying the access token. When it drops,
 * calls fail at once (the stores keep what they showed), and a new socket is tried after a growing
 * pause once `/health` answers; the streams then resubscribe and reload (see follow-stream.ts).
 */
function connectSocket(token: string, attempt = 0): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`);
  let opened = false;
  current = createORPCClient(new WebSocketLink({ websocket: socket }));
  socket.addEventListener('open', () => {
    opened = true;
    setConnectionState('open');
  });
  socket.addEventListener('close', () => void reconnect(token, opened ? 0 : attempt + 1, !opened));
}

async function reconnect(token: string, attempt: number, neverOpened: boolean): Promise<void> {
  if (neverOpened && (await tokenRefused(token))) return setConnectionState('refused');
  setConnectionState('lost');
  for (let tries = attempt; ; tries++) {
    await delay(backoffMs(tries));
    if (await fetch('/health', { cache: 'no-store' }).then((r) => r.ok, () => false)) return connectSocket(token, tries);
  }
}

/** A socket refused before opening is either a host that is down or a wrong token; the REST API tells which. */
async function tokenRefused(token: string): Promise<boolean> {
  const res = await fetch('/api/status', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' }).catch(() => null);
  return res?.status === 401;
}

/** The desktop app saves exports through its native dialog; a browser downloads them from the headless host. */
export const isDesktop = (): boolean => location.protocol === 'app:';

/** The access token of this tab, for a download link (a link cannot carry a header). */
export const downloadToken = (): string => sessionStorage.getItem(TOKEN_KEY) ?? '';

if (location.protocol === 'app:') current = connectPort();
else connectSocket(accessToken());

/** One client for the whole app; each call goes to the connection open at the time. */
export const client: EngineClient = new Proxy({} as EngineClient, { get: (_target, key) => Reflect.get(current, key) });
