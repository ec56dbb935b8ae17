import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RPCHandler } from '@orpc/server/ws';
import { WebSocketServer } from 'ws';
import type { Engine } from '../engine/index.ts';
import { bearerToken, tokenMatches } from './access-token.ts';
import { API_PREFIX, createRestApi } from './openapi.ts';
import { hostAllowed, originAllowed, requestTarget, SECURITY_HEADERS } from './request-checks.ts';
import { serveStatic } from './static-files.ts';

export interface HeadlessOptions {
  engine: Engine;
  token: string;
  host: string;
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
}

export interface HeadlessServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/**
 * The plain-Node host: the built UI, the contract over WebSocket (`/rpc`) and as REST (`/api`),
 * all behind one access token, and `/health` (status only) without it.
 */
export async function startHeadlessServer(options: HeadlessOptions): Promise<HeadlessServer> {
  const { engine, token } = options;
  const rest = createRestApi(engine);
  const rpc = new RPCHandler(engine.router);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    route(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) json(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error; see the server log' });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = requestTarget(req.url);
    if (!target) return json(res, 400, { code: 'BAD_REQUEST', message: 'The address is not valid (a path with malformed %-encoding)' });
    if (!hostAllowed(req.headers.host, options.host)) return json(res, 403, { code: 'FORBIDDEN', message: `Host '${req.headers.host ?? ''}' is not served here; open the address the host printed` });
    const { pathname } = target;
    if (pathname === '/health') return json(res, 200, { status: 'ok' });
    if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) {
      if (!tokenMatches(token, bearerToken(req.headers.authorization))) {
        return json(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or wrong access token (Authorization: Bearer <token>)' });
      }
      res.setHeader('cache-control', 'no-store');
      if (pathname === `${API_PREFIX}/openapi.json`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(await rest.document());
        return;
      }
      if (!(await rest.handle(req, res))) json(res, 404, { code: 'NOT_FOUND', message: `No API route ${req.method} ${pathname}` });
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
      void rpc.upgrade(ws, { context: { engine: engine.services } });
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
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
