import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookOutcome, WebhookSettings } from '../../../shared/domain/webhook.ts';
import type { Logger } from '../ports/logger.ts';
import { reportUnexpected } from '../unexpected-error.ts';
import { AlertGate, NOISE_PER_SECOND } from './alert-gate.ts';
import type { AlertIntake, IntakeReply } from './alert-intake.ts';
import type { AlertSenders } from './alert-senders.ts';
import { clientAddress } from './client-address.ts';
import { ExecutionGate } from './execution-gate.ts';
import { createLimitedServer, defaultListenerLimits, type ListenerLimits } from './listener-limits.ts';
import { readBody } from './read-body.ts';
import { RateLimiter } from './rate-limiter.ts';

export const WEBHOOK_PATH = '/webhook';
/** Published by TradingView as the only senders of webhook alerts. */
export const TRADINGVIEW_IPS = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'];
/** A bot over its rate is logged at most once a second: its trader must see it, but not 10,000 times. */
const LIMITED_LOG_PER_SECOND = 1;
const DROP_WARNING_INTERVAL_MS = 10_000;

const reply = (statusCode: number, status: WebhookOutcome, message: string): IntakeReply => ({ statusCode, body: { status, message } });

/**
 * The HTTP side of the TradingView listener: POST /webhook only, small bodies only, capped
 * connections, prompt timeouts, rate limits per bot after the passphrase check. Everything about
 * the alert itself is the intake's job.
 */
export class WebhookListener {
  readonly #intake: AlertIntake;
  readonly #logger: Logger;
  readonly #limits: ListenerLimits;
  readonly #gate: AlertGate;
  readonly #executions: ExecutionGate;
  readonly #limitedLog = new RateLimiter(LIMITED_LOG_PER_SECOND, 1);
  #server: Server | null = null;
  #settings: WebhookSettings;
  #url: string | null = null;
  #error: string | null = null;
  #lastDropWarning = 0;
  readonly #onAnswered: ((outcome: WebhookOutcome, seconds: number) => void) | undefined;
  /** When each request in progress arrived (monotonic ms), for the answer's latency. */
  readonly #arrivals = new WeakMap<ServerResponse, number>();

  constructor(deps: { intake: AlertIntake; senders: AlertSenders; logger: Logger; settings: WebhookSettings; limits?: Partial<ListenerLimits>; onAnswered?: (outcome: WebhookOutcome, seconds: number) => void }) {
    this.#onAnswered = deps.onAnswered;
    this.#intake = deps.intake;
    this.#logger = deps.logger;
    this.#settings = deps.settings;
    this.#limits = { ...defaultListenerLimits(), ...deps.limits };
    this.#gate = new AlertGate(deps.senders);
    this.#executions = new ExecutionGate((error) => this.#logger.error('Alert execution failed', { error: String(error) }));
  }

  get status() {
    return { listening: this.#server !== null, url: this.#url, error: this.#error, settings: this.#settings };
  }

  /** (Re)starts on the given settings; a port in use is reported in the status, the engine runs on. */
  async start(settings: WebhookSettings): Promise<void> {
    await this.stop();
    this.#settings = settings;
    this.#gate.configure(settings);
    const server = createLimitedServer(this.#limits, (req, res) => this.#handle(req, res));
    server.on('drop', () => this.#warnDropped());
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
    // Alerts already answered 2xx are traded, not left for the next start.
    this.#executions.release();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.#arrivals.set(res, performance.now());
    const source = clientAddress(req, this.#settings.trustedProxy);
    // Split, not `new URL()`: a request target such as `//[` makes URL throw.
    const path = (req.url ?? '/').split('?')[0];
    if (this.#settings.allowTradingViewIpsOnly && !TRADINGVIEW_IPS.includes(source)) return this.#noise(res, source, reply(403, 'unauthorized', 'Source address is not TradingView'));
    if (path !== WEBHOOK_PATH) return this.#noise(res, source, reply(404, 'invalid', `Unknown path; alerts go to POST ${WEBHOOK_PATH}`));
    if (req.method !== 'POST') return this.#noise(res, source, reply(405, 'invalid', 'Only POST is accepted'));
    const tooLarge = reply(413, 'too_large', `The alert is larger than ${this.#limits.maxBodyBytes} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > this.#limits.maxBodyBytes) {
      res.setHeader('connection', 'close');
      return this.#noise(res, source, tooLarge);
    }
    readBody(req, this.#limits.maxBodyBytes).then(
      (body) => {
        if (body !== null) return this.#receive(res, source, body);
        res.setHeader('connection', 'close');
        this.#noise(res, source, tooLarge);
      },
      () => res.destroy(),
    );
  }

  async #receive(res: ServerResponse, source: string, body: string): Promise<void> {
    try {
      const decision = await this.#gate.admit(body);
      if (decision.kind === 'limited') return await this.#limited(res, source, decision.botId, decision.retryAfter);
      if (decision.kind === 'noise') {
        await this.#logUnlogged();
        return this.#answer(res, await this.#intake.receive(source, body));
      }
      this.#executions.owe();
      try {
        this.#answer(res, await this.#intake.receive(source, body));
      } finally {
        this.#executions.paid();
      }
    } catch (error) {
      const { message } = reportUnexpected(this.#logger, 'Webhook request failed', error, { source });
      this.#answer(res, reply(500, 'error', `${message}; send the alert again`));
    }
  }

  /** Requests that cannot be alerts: always answered, logged only inside the shared noise budget. */
  #noise(res: ServerResponse, source: string, answer: IntakeReply): void {
    if (!this.#gate.noiseAllowed()) return this.#answer(res, answer);
    void this.#logUnlogged()
      .then(() => this.#intake.refuse(source, null, answer, ''))
      .then((logged) => this.#answer(res, logged));
  }

  async #limited(res: ServerResponse, source: string, botId: string | null, retryAfter: number): Promise<void> {
    res.setHeader('retry-after', String(retryAfter));
    if (botId === null) return this.#answer(res, reply(429, 'rate_limited', 'Too many requests without a valid passphrase; try again later'));
    const { rateLimitPerSecond, rateLimitBurst } = this.#settings;
    const answer = reply(429, 'rate_limited', `Too many alerts for this bot: the limit is ${rateLimitPerSecond} per second, with bursts of ${rateLimitBurst}`);
    this.#answer(res, this.#limitedLog.take(botId) ? await this.#intake.refuse(source, botId, answer, '') : answer);
  }

  /** Past the noise budget nothing is logged; the next logged entry says how many went unlogged. */
  async #logUnlogged(): Promise<void> {
    const count = this.#gate.takeUnlogged();
    if (count === 0) return;
    const message = `${count} more requests without a valid passphrase were answered but not logged (over ${NOISE_PER_SECOND} per second)`;
    await this.#intake.refuse('various', null, reply(429, 'rate_limited', message), '');
  }

  #answer(res: ServerResponse, answer: IntakeReply): void {
    // Committed is committed: the alert is traded even if its sender hung up before the answer.
    if (answer.act) this.#executions.hold(answer.act);
    if (res.headersSent || res.destroyed) return;
    const arrived = this.#arrivals.get(res);
    if (arrived !== undefined) this.#onAnswered?.(answer.body.status, (performance.now() - arrived) / 1000);
    res.writeHead(answer.statusCode, { 'content-type': 'application/json', ...(answer.statusCode === 405 ? { allow: 'POST' } : {}) });
    res.end(JSON.stringify(answer.body));
  }

  #warnDropped(): void {
    const now = Date.now();
    if (now - this.#lastDropWarning < DROP_WARNING_INTERVAL_MS) return;
    this.#lastDropWarning = now;
    this.#logger.warn('The webhook listener refused connections: too many open at once', { maxConnections: this.#limits.maxConnections });
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
