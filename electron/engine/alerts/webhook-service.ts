import type { Kysely } from 'kysely';
import type { WebhookSettings, WebhookStatus } from '../../../shared/domain/webhook.ts';
import { WebhookSettingsSchema } from '../../../shared/domain/webhook.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { EventBus } from '../event-bus.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import { findBot } from '../persistence/bots.repository.ts';
import type { Database } from '../persistence/database.ts';
import { readSetting, writeSetting } from '../persistence/settings.repository.ts';
import { pruneAlerts, saveKeyDigest } from '../persistence/webhooks.repository.ts';
import { pruneWebhookLog } from '../persistence/webhook-log-retention.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { newPassphrase, passphraseDigest } from './passphrase.ts';
import type { WebhookListener } from './webhook-listener.ts';

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  host: '127.0.0.1',
  port: 8788,
  maxAgeSeconds: 60,
  allowTradingViewIpsOnly: false,
  rateLimitPerSecond: 50,
  rateLimitBurst: 200,
  trustedProxy: 'off',
  logRetentionDays: 30,
  logMaxEntries: 50_000,
};
const SETTINGS_KEY = 'webhooks';
/** Dedupe keys live two days: far past TradingView's resends, and the 24 h floor. */
const DEDUPE_WINDOW_MS = 48 * 3600_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** The log is pruned this often as well as at start and on every settings change. */
const RETENTION_INTERVAL_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** Settings, passphrases and the test button of the TradingView listener. */
export class WebhookService {
  readonly #db: Kysely<Database>;
  readonly #listener: WebhookListener;
  readonly #clock: Clock;
  readonly #bus: EventBus;
  readonly #logger: Logger;
  #retention: NodeJS.Timeout | null = null;

  constructor(deps: { db: Kysely<Database>; listener: WebhookListener; clock: Clock; bus: EventBus; logger: Logger }) {
    this.#db = deps.db;
    this.#listener = deps.listener;
    this.#clock = deps.clock;
    this.#bus = deps.bus;
    this.#logger = deps.logger;
  }

  /** Starts the listener on the stored settings, with `overrides` (command line, tests) on top. */
  async start(overrides: Partial<WebhookSettings>): Promise<void> {
    const stored = await readSetting(this.#db, SETTINGS_KEY, WebhookSettingsSchema, DEFAULT_WEBHOOK_SETTINGS);
    await this.#listener.start({ ...stored, ...overrides });
    await this.prune();
    this.#retention ??= setInterval(() => void this.prune(), RETENTION_INTERVAL_MS).unref();
  }

  async stop(): Promise<void> {
    if (this.#retention) clearInterval(this.#retention);
    this.#retention = null;
    await this.#listener.stop();
  }

  /**
   * Applies the retention settings: dedupe keys past their window, log entries past their age or
   * count. A failure (a full disk) is logged; the next round tries again.
   */
  async prune(): Promise<void> {
    const now = this.#clock.now();
    const { logRetentionDays, logMaxEntries } = this.#listener.status.settings;
    try {
      await pruneAlerts(this.#db, now - DEDUPE_WINDOW_MS);
      const removed = await pruneWebhookLog(this.#db, { olderThan: logRetentionDays > 0 ? now - logRetentionDays * DAY_MS : null, maxEntries: logMaxEntries });
      if (removed > 0) this.#bus.emit('change', { topic: 'webhooks' });
    } catch (error) {
      this.#logger.error('Could not prune the webhook log', { error: String(error) });
    }
  }

  status(): WebhookStatus {
    const { listening, url, error, settings } = this.#listener.status;
    return { listening, url, error, settings, exposed: !LOOPBACK.has(settings.host) };
  }

  async configure(settings: WebhookSettings): Promise<WebhookStatus> {
    await writeSetting(this.#db, SETTINGS_KEY, settings);
    await appendAudit(this.#db, this.#clock.now(), { action: 'webhooks.configure', entity: 'settings', entityId: SETTINGS_KEY, detail: { settings } });
    await this.#listener.start(settings);
    await this.prune();
    this.#bus.emit('change', { topic: 'webhooks' });
    return this.status();
  }

  async rotatePassphrase(botId: string): Promise<Result<{ passphrase: string }>> {
    const bot = await findBot(this.#db, botId);
    if (!bot) return fail('NOT_FOUND', `No bot with id ${botId}`);
    if (bot.strategy.kind !== 'tradingview') return fail('CONFLICT', 'Only a TradingView-signal bot takes alerts');
    const passphrase = newPassphrase();
    const now = this.#clock.now();
    await this.#db.transaction().execute(async (trx) => {
      await saveKeyDigest(trx, botId, passphraseDigest(passphrase), now);
      await appendAudit(trx, now, { action: 'webhooks.rotate_passphrase', entity: 'bot', entityId: botId, detail: {} });
    });
    this.#bus.emit('change', { topic: 'bots', botId });
    return ok({ passphrase });
  }

  /** Posts the message to our own listener over real HTTP, with the content type TradingView would use. */
  async sendTest(message: string): Promise<Result<{ statusCode: number; body: string }>> {
    const { url } = this.#listener.status;
    if (!url) return fail('UNAVAILABLE', 'The webhook listener is not running');
    const target = url.replace(/\/\/(0\.0\.0\.0|\[::\])/, '//127.0.0.1');
    try {
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': isJsonObject(message) ? 'application/json' : 'text/plain' }, body: message, signal: AbortSignal.timeout(5_000) });
      return ok({ statusCode: response.status, body: await response.text() });
    } catch (error) {
      // fetch's own words ("fetch failed", "The operation was aborted") say nothing a trader can act on.
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      return fail('UNAVAILABLE', timedOut ? `The webhook listener at ${url} did not answer the test alert within 5 s` : `The test alert could not reach the webhook listener at ${url}; check its host and port`);
    }
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
