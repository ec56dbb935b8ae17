import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';

export interface ListenerLimits {
  /** Open connections at once; past it a new connection is closed as soon as it is accepted. */
  maxConnections: number;
  /** The request line and headers must arrive within this (a slowloris sender is cut off)... */
  headersTimeoutMs: number;
  /** ...and the whole request, body included, within this. */
  requestTimeoutMs: number;
  /** A kept-alive connection with no new request is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often the two deadlines above are checked: Node's default, 30 s, let idle sockets live 19-30 s. */
  checkIntervalMs: number;
  maxBodyBytes: number;
}

/** The soft limit on open files on Linux; null where it cannot be read. */
function openFileLimit(): number | null {
  try {
    const match = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * TradingView cancels a request after 3 s, so 5 s is generous for a real sender. The connection
 * cap leaves three quarters of the process's file descriptors to the database, the UI and the
 * exchange: a flood of sockets must not take the app down with the listener.
 */
export function defaultListenerLimits(): ListenerLimits {
  const files = openFileLimit();
  return {
    maxConnections: Math.max(64, Math.min(4096, files === null ? 4096 : Math.floor(files / 4))),
    headersTimeoutMs: 5_000,
    requestTimeoutMs: 5_000,
    keepAliveTimeoutMs: 5_000,
    checkIntervalMs: 250,
    maxBodyBytes: 8 * 1024,
  };
}

/** An HTTP server that enforces the limits: deadlines checked every `checkIntervalMs`, connections capped. */
export function createLimitedServer(limits: ListenerLimits, handle: RequestListener): Server {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, checkIntervalMs } = limits;
  const server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, keepAliveTimeout: keepAliveTimeoutMs, connectionsCheckingInterval: checkIntervalMs }, handle);
  server.maxConnections = limits.maxConnections;
  // A socket that goes quiet after its request (never reading the answer) is cut off too: the
  // request deadline covers only a request still being received.
  server.setTimeout(requestTimeoutMs);
  return server;
}
