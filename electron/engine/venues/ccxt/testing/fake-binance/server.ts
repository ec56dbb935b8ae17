import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BinanceError, FakeBook } from './book.ts';
import { FaultPlan, type FaultRule } from './faults.ts';
import { PRIVATE_ROUTES } from './private-routes.ts';
import { PUBLIC_ROUTES } from './public-routes.ts';
import { type FakeKeys, verifySigned } from './signing.ts';

export interface FakeRequest {
  /** `METHOD /api/v3/path`, the host segment of the rewritten URL removed. */
  endpoint: string;
  /** Arrival time in epoch ms with sub-millisecond precision (for spacing measurements). */
  ts: number;
}

export interface FakeBinance {
  /** `http://127.0.0.1:PORT`: see ccxt-options.ts for pointing ccxt at it. */
  readonly url: string;
  readonly keys: FakeKeys;
  readonly book: FakeBook;
  readonly faults: FaultPlan;
  /** Every request received, in arrival order, with its arrival time (ms). */
  readonly requests: FakeRequest[];
  fault(rule: FaultRule): void;
  close(): Promise<void>;
}

export const FAKE_KEYS: FakeKeys = { apiKey: 'fake-api-key-0123456789abcdef', secret: 'fake-secret-fedcba9876543210' };

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
  res.end(JSON.stringify(body));
}

/** `/api.binance.com/api/v3/order` → `/api/v3/order`: the host stays in rewritten URLs (two API groups share a path). */
const stripHost = (pathname: string) => pathname.replace(/^\/[^/]*\.[^/]*(?=\/)/, '');

/** A local server speaking enough of Binance's spot REST API for ccxt, with faults on command. */
export async function startFakeBinance(options: { keys?: FakeKeys; now?: () => number } = {}): Promise<FakeBinance> {
  const keys = options.keys ?? FAKE_KEYS;
  const now = options.now ?? Date.now;
  const book = new FakeBook(now);
  const faults = new FaultPlan();
  const requests: FakeRequest[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const endpoint = `${req.method ?? 'GET'} ${stripHost(url.pathname)}`;
    requests.push({ endpoint, ts: performance.timeOrigin + performance.now() });
    const rawBody = await readBody(req);
    const fault = faults.take(endpoint);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'rate_limit' || fault?.kind === 'banned') {
      const retryAfter = { 'retry-after': String(fault.retryAfterSec ?? 1) };
      return send(res, fault.kind === 'banned' ? 418 : 429, { code: -1003, msg: 'Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.' }, retryAfter);
    }
    if (fault?.kind === 'html_error') {
      res.writeHead(fault.status ?? 401, { 'content-type': 'text/html' });
      return void res.end('<html><body>Request blocked</body></html>');
    }
    if (fault?.kind === 'server_error') return send(res, 500, { code: -1000, msg: 'An unknown error occurred while processing the request.' });
    let status = 200;
    let body: unknown;
    try {
      const pub = PUBLIC_ROUTES[endpoint];
      const priv = PRIVATE_ROUTES[endpoint];
      if (pub) body = pub(book, url.searchParams, now());
      else if (priv) {
        const params = verifySigned(keys, req.headers['x-mbx-apikey'] as string | undefined, url.search.replace(/^\?/, ''), rawBody, now());
        body = priv({ book, params, now: now(), duplicateFills: fault?.kind === 'duplicate_fill' });
      } else [status, body] = [404, { code: -1000, msg: `The fake has no ${endpoint}` }];
    } catch (error) {
      if (!(error instanceof BinanceError)) throw error;
      [status, body] = [error.status, { code: error.code, msg: error.message }];
    }
    if (fault?.kind === 'timeout_after_accept') return; // the socket stays open, unanswered, until the client gives up
    if (fault?.kind === 'drop_after_accept') return void req.socket.destroy();
    if (fault?.kind === 'rewrite') {
      const rewritten = fault.rewrite?.(body);
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      return void res.end(typeof rewritten === 'string' ? rewritten : JSON.stringify(rewritten));
    }
    send(res, status, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { code: -1000, msg: `fake bug: ${String(error)}` }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    book,
    faults,
    requests,
    fault: (rule) => faults.add(rule),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
