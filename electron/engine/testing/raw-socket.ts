import { connect, type Socket } from 'node:net';

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
}

/**
 * A bare TCP connection to a loopback port, for what fetch() cannot do: stay silent, send half a
 * request, or send a request line no URL parser accepts. Resolves once connected.
 */
export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

/** Sends `text` as is and resolves with the status code of the answer (null: closed without one). */
export async function rawRequest(port: number, text: string): Promise<number | null> {
  const { socket, closed } = await openRaw(port);
  socket.write(text);
  const answer = await closed;
  const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
  return status === undefined ? null : Number(status);
}

/** Resolves with `value` if `promise` has not settled within `ms` (a guard, not a timing assertion). */
export function within<T, F>(promise: Promise<T>, ms: number, value: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(value), ms).unref())]);
}
