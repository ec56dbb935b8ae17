import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookOutcome, WebhookSettings } from '../../../shared/domain/webhook.ts';
import type { Logger } from '../ports/logger.ts';
import { reportUnexpected } from '../unexpected-error.ts';
import type { AlertIntake, IntakeReply } from './alert-intake.ts';
import { RateLimiter } from './rate-limiter.ts';

export const WEBHOOK_PATH = '/webhook';
export const MAX_BODY_BYTES = 8 * 1024;
/** TradingView cancels after 3 s; a slower client is cut off at 5 s. */
const TIMEOUT_MS = 5_000;
/** Published by TradingView as the only senders of webhook alerts. */
export const TRADINGVIEW_IPS = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'];

/** Outcomes an attacker can produce at will are logged at most this often per source. */
const NOISE_LOG_INTERVAL_MS = 1_000;

const sourceOf = (req: IncomingMessage) => (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

/**
 * The HTTP side of the TradingView listener: POST /webhook only, small bodies only, per-source rate
 * limit, strict timeouts. Everything about the alert itself is the intake's job.
 */
export class WebhookListener {
  readonly #intake: AlertIntake;
  readonly #logger: Logger;
  readonly #limiter = new RateLimiter(1, 1);
  readonly #lastNoiseLog = new Map<string, number>();
  #server: Server | null = null;
  #settings: WebhookSettings;
  #url: string | null = null;
  #error: string | null = null;

  constructor(deps: { intake: AlertIntake; logger: Logger; settings: WebhookSettings }) {
    this.#intake = deps.intake;
    this.#logger = deps.logger;
    this.#settings = deps.settings;
  }

  get status() {
    return { listening: this.#server !== null, url: this.#url, error: this.#error, settings: this.#settings };
  }

  /** (Re)starts on the given settings; a port in use is reported in the status, the engine runs on. */
  async start(settings: WebhookSettings): Promise<void> {
    await this.stop();
    this.#settings = settings;
    this.#limiter.perSecond = settings.rateLimitPerSecond;
    this.#limiter.burst = settings.rateLimitBurst;
    const server = createServer((req, res) => this.#handle(req, res));
    server.headersTimeout = TIMEOUT_MS;
    server.requestTimeout = TIMEOUT_MS;
    server.keepAliveTimeout = TIMEOUT_MS;
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // A burst of alerts opens many connections at once; a short accept queue drops SYNs, and
        // the retransmit (1 s, then 3 s) would push answers past TradingView's 3 s limit.
        server.listen({ port: settings.port, host: settings.host, backlog: 4096 }, () => resolve());
      });
    } catch (error) {
      this.#error = listenFailure(error, settings, this.#logger);
      return;
    }
    this.#server = server;
    this.#error = null;
    const { port } = server.address() as AddressInfo;
    // Port 0 asks the system for a free port; report the one it gave.
    this.#settings = { ...settings, port };
    this.#url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}${WEBHOOK_PATH}`;
    this.#logger.info('Webhook listener started', { url: this.#url });
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.#url = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const source = sourceOf(req);
    const answer = (reply: IntakeReply) => {
      res.writeHead(reply.statusCode, { 'content-type': 'application/json', ...(reply.statusCode === 405 ? { allow: 'POST' } : {}), ...(reply.statusCode === 429 ? { 'retry-after': String(this.#limiter.retryAfter()) } : {}) });
      res.end(JSON.stringify(reply.body));
      if (reply.act) setImmediate(() => reply.act?.().catch((error) => this.#logger.error('Alert execution failed', { error })));
    };
    const noise = (statusCode: number, status: WebhookOutcome, message: string) => {
      const now = Date.now();
      const reply: IntakeReply = { statusCode, body: { status, message } };
      if (now - (this.#lastNoiseLog.get(source) ?? 0) < NOISE_LOG_INTERVAL_MS) return answer(reply);
      this.#lastNoiseLog.set(source, now);
      void this.#intake.refuse(source, null, reply, '').then(answer);
    };

    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (this.#settings.allowTradingViewIpsOnly && !TRADINGVIEW_IPS.includes(source)) return noise(403, 'unauthorized', 'Source address is not TradingView');
    if (path !== WEBHOOK_PATH) return noise(404, 'invalid', `Unknown path; alerts go to POST ${WEBHOOK_PATH}`);
    if (req.method !== 'POST') return noise(405, 'invalid', 'Only POST is accepted');
    if (!this.#limiter.take(source)) return noise(429, 'rate_limited', 'Too many requests from this address');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      res.setHeader('connection', 'close');
      return noise(413, 'too_large', `The alert is larger than ${MAX_BODY_BYTES} bytes`);
    }

    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        req.pause();
        res.setHeader('connection', 'close');
        noise(413, 'too_large', `The alert is larger than ${MAX_BODY_BYTES} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return;
      this.#intake
        .receive(source, Buffer.concat(chunks).toString('utf8'))
        .then(answer)
        .catch((error: unknown) => {
          const { message } = reportUnexpected(this.#logger, 'Webhook request failed', error, { source });
          answer({ statusCode: 500, body: { status: 'error', message } });
        });
    });
    req.on('error', () => res.destroy());
  }
}

/**
 * Why the listener could not bind, in the trader's words (it is shown in the settings page); a
 * failure we did not foresee is logged under a ref and shown by that ref, never by its text.
 */
function listenFailure(error: unknown, { host, port }: WebhookSettings, logger: Logger): string {
  const notHere = `${host} is not an address of this machine; use 0.0.0.0 to listen on all of them, or 127.0.0.1 for this machine only`;
  const known = new Map([
    ['EADDRINUSE', `Port ${port} is in use; choose another port for the webhook listener`],
    ['EACCES', `Port ${port} needs administrator rights on this system; choose a port above 1023`],
    ['EADDRNOTAVAIL', notHere],
    ['ENOTFOUND', notHere],
    ['EAI_AGAIN', notHere],
  ]);
  const plain = known.get(String((error as NodeJS.ErrnoException).code));
  if (plain) {
    logger.error(plain, { error });
    return plain;
  }
  return `The webhook listener could not start: ${reportUnexpected(logger, 'Webhook listener could not start', error, { host, port }).message}`;
}
