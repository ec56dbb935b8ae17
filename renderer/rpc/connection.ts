/**
 * Where the link to the engine stands. `lost`: it dropped and is being re-established with
 * back-off; `refused`: the host rejects this page's access token, so retrying cannot help.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost' | 'refused';

type Listener = (state: ConnectionState) => void;
const listeners = new Set<Listener>();
let state: ConnectionState = 'connecting';

export const connectionState = (): ConnectionState => state;

export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener(next);
}

export function onConnectionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves once the connection is open (at once if it is), or when `signal` aborts. */
export function whenConnected(signal: AbortSignal): Promise<void> {
  if (state === 'open' || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const unsubscribe = onConnectionChange((s) => s === 'open' && done());
    signal.addEventListener('abort', done);
  });
}
