import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCHandler } from '@orpc/server/ws';
import { WebSocketServer } from 'ws';
import { defaultListenerLimits } from '../engine/alerts/listener-limits.ts';
import { errorInterceptors } from '../engine/api/error-interceptor.ts';
import type { Engine } from '../engine/index.ts';
import { reportUnexpected } from '../engine/unexpected-error.ts';
import { bearerToken, tokenMatches } from './access-token.ts';
import { API_PREFIX, createRestApi } from './openapi.ts';
import { flowControlled } from './flow-control.ts';
import { EXPORT_DOWNLOAD_PATH, serveExportDownload } from './export-download.ts';
import { hostAllowed, originAllowed, requestTarget, SECURITY_HEADERS } from './request-checks.ts';
import { serveStatic } from './static-files.ts';

export interface HeadlessOptions {
  engine: Engine;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Unread bytes after which a WebSocket client is disconnected (default: MAX_QUEUED_BYTES_PER_CLIENT). */
  maxQueuedBytesPerClient?: number;
  /** Connection cap and deadlines (tests use short ones). */
  limits?: Partial<HostLimits>;
}

/**
 * The UI host's own limits, so a flood of idle or half-sent connections cannot exhaust the
 * process's file descriptors (the engine's database and the webhook listener live in it too).
 * WebSockets, once upgraded, are not subject to the request deadlines.
 */
export interface HostLimits {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often the deadlines are checked (Node's default of 30 s let idle sockets live that long). */
  checkIntervalMs: number;
}

// Sized from the open-file limit like the webhook listener's, so the two together never use up the descriptors.
export const DEFAULT_HOST_LIMITS: HostLimits = { maxConnections: Math.min(1024, defaultListenerLimits().maxConnections), headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, checkIntervalMs: 1_000 };

export interface HeadlessServer {
  url: string;
  port: number;
  /** For each connected WebSocket client, the bytes written to it that it has not read yet. */
  clientBacklogs(): number[];
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const unauthorized = (res: ServerResponse) => json(res, 401, { code: 'UNAUTHORIZED', status: 401, message: 'Missing or wrong access token (Authorization: Bearer <token>)' });

/**
 * The plain-Node host: the built UI, the contract over WebSocket (`/rpc`) and as REST (`/api`),
 * all behind one access token, `/metrics` (Prometheus) behind it too, and `/health` (status only) without it.
 */
export async function startHeadlessServer(options: HeadlessOptions): Promise<HeadlessServer> {
  const { engine, token } = options;
  const rest = createRestApi(engine);
  const rpc = new RPCHandler(engine.router, errorInterceptors(engine.logger));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const limits = { ...DEFAULT_HOST_LIMITS, ...options.limits };
  const { headersTimeoutMs: headersTimeout, requestTimeoutMs: requestTimeout, keepAliveTimeoutMs: keepAliveTimeout, checkIntervalMs: connectionsCheckingInterval } = limits;
  const server = createServer({ headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval }, (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    route(req, res).catch((error: unknown) => {
      const { code, message, details } = reportUnexpected(engine.logger, 'Headless request failed', error, { method: req.method, path: req.url?.split('?')[0] });
      if (!res.headersSent) json(res, 500, { code, status: 500, message, data: { issues: [], details } });
      else res.destroy();
    });
  });
  server.maxConnections = limits.maxConnections;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = requestTarget(req.url);
    if (!target) return json(res, 400, { code: 'INVALID_INPUT', status: 400, message: 'The address is not valid (a path with malformed %-encoding)' });
    if (!hostAllowed(req.headers.host, options.host)) return json(res, 403, { code: 'FORBIDDEN', message: `Host '${req.headers.host ?? ''}' is not served here; open the address the host printed` });
    const { pathname } = target;
    if (pathname === '/health') return json(res, 200, { status: 'ok' });
    // Prometheus scrapes with `Authorization: Bearer <token>` (its `authorization` scrape setting).
    if (pathname === '/metrics') {
      if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
        return unauthorized(res);
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await engine.services.metrics.text(engine.services));
      return;
    }
    if (pathname === EXPORT_DOWNLOAD_PATH) {
      // A browser's download link cannot send a header: the token may come in the address instead.
      if (!tokenMatches(token, bearerToken(req.headers.authorization) ?? target.query.get('token'))) return unauthorized(res);
      return serveExportDownload(engine.services.exports, target.query, req, res);
    }
    if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
      if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
        return unauthorized(res);
      }
      res.setHeader('cache-control', 'no-store');
      if (pathname === `${API_PREFIX}/openapi.json`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await rest.document());
        return;
      }
      if (!(await rest.handle(req, res))) json(res, 404, { code: 'NOT_FOUND', status: 404, message: `No API route ${req.method} ${pathname}` });
      return;
    }
    await serveStatic(options.staticDir, target.decodedPath, res);
  }

  server.on('upgrade', (req, socket, head) => {
    // Node drops its own error listener from an upgraded socket: a reset would be an uncaught error.
    socket.on('error', () => socket.destroy());
    const target = requestTarget(req.url);
    const refusal = !target ? 400 : !hostAllowed(req.headers.host, options.host) || !originAllowed(req.headers.origin, req.headers.host) ? 403 : target.pathname !== '/rpc' || !tokenMatches(token, target.query.get('token')) ? 401 : null;
    if (refusal !== null) {
      socket.end(`HTTP/1.1 ${refusal} ${STATUS_CODES[refusal]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      void rpc.upgrade(flowControlled(ws, options.maxQueuedBytesPerClient), { context: { engine: engine.services } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    clientBacklogs: () => [...sockets.clients].map((client) => client.bufferedAmount),
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
