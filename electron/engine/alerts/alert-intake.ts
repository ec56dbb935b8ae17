import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Bot } from '../../../shared/domain/bot.ts';
import type { AlertCommand, WebhookOutcome } from '../../../shared/domain/webhook.ts';
import type { EventBus } from '../event-bus.ts';
import type { Database } from '../persistence/database.ts';
import { finishLogEntry, insertLogEntry, pendingAlerts } from '../persistence/webhooks.repository.ts';
import { type StorageGate, writeWhenSpace } from '../persistence/storage-health.ts';
import { reportUnexpected } from '../unexpected-error.ts';
import { AlertSenders } from './alert-senders.ts';
import { AlertJournal, type Recorded } from './alert-journal.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import { redact } from './mask-secrets.ts';
import { maskPassphrase, parseAlert } from './parse-alert.ts';
import { passphraseMatches } from './passphrase.ts';
import type { Execution, SignalExecutor } from './signal-executor.ts';
import { stoppedBefore } from './stopped-before.ts';
import { tooOldToStart } from './alert-age.ts';

export interface IntakeReply {
  statusCode: number;
  body: { status: WebhookOutcome; message: string; alertId?: number };
  /** Runs after the reply is sent: TradingView gives up after 3 s, so nothing trades before it. */
  act?: () => Promise<void>;
}

/**
 * SQLite calls are synchronous and the queries' promises resolve at once, so a chain of executions
 * would run as one long microtask and starve the socket: a burst of alerts would wait seconds to be
 * read. Yielding between executions lets pending requests be accepted and answered first.
 */
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A `time` further ahead than this is a wrong clock or a wrong field, not an alert from the future. */
const MAX_AHEAD_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const reply = (statusCode: number, status: WebhookOutcome, message: string): IntakeReply => ({ statusCode, body: { status, message } });

/**
 * From a received body to a committed alert: parse, authenticate, check it is fresh and new,
 * commit it with its log row, and only then answer 2xx. A database failure answers 503 so
 * TradingView sends the alert again; every refusal is answered 4xx (no resend) and logged.
 */
export class AlertIntake {
  readonly #db: Kysely<Database>;
  readonly #journal: AlertJournal;
  readonly #senders: AlertSenders;
  readonly #executor: SignalExecutor;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #maxAgeSeconds: () => number;
  readonly #storage: StorageGate | undefined;
  readonly #halted: () => string | null;
  /** Alerts are acted on one at a time, in the order they were committed. */
  #executions: Promise<void> = Promise.resolve();
  readonly #onRefused: ((botId: string | null, answer: IntakeReply) => void) | undefined;

  constructor(deps: { db: Kysely<Database>; executor: SignalExecutor; bus: EventBus; clock: Clock; logger: Logger; maxAgeSeconds: () => number; storage?: StorageGate; halted?: () => string | null; onRefused?: (botId: string | null, answer: IntakeReply) => void }) {
    this.#db = deps.db;
    this.#journal = new AlertJournal(deps.db);
    this.#senders = new AlertSenders(deps.db, deps.bus);
    this.#executor = deps.executor;
    this.#bus = deps.bus;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#maxAgeSeconds = deps.maxAgeSeconds;
    this.#storage = deps.storage;
    this.#halted = deps.halted ?? (() => null);
    this.#onRefused = deps.onRefused;
  }

  async receive(source: string, body: string): Promise<IntakeReply> {
    const masked = maskPassphrase(body);
    const parsed = parseAlert(body);
    if (!parsed.ok) return this.refuse(source, null, reply(400, 'invalid', parsed.reason), masked);
    const command = parsed.command;
    const sender = await this.#senders.find(command.bot);
    const bot = sender?.bot;
    const digest = sender?.digest;
    // One answer for an unknown bot and a wrong passphrase: the listener says nothing of which bots exist.
    if (!bot || !digest || !passphraseMatches(digest, command.passphrase)) {
      return this.refuse(source, bot?.id ?? null, reply(401, 'unauthorized', 'Unknown bot or wrong passphrase'), masked);
    }
    // The emergency stop refuses every alert, logged with its reason; alerts already committed meet it at the order path.
    const halted = this.#halted();
    if (halted) return this.refuse(source, bot.id, reply(409, 'refused', halted), masked);
    if (bot.status !== 'running') return this.refuse(source, bot.id, reply(409, 'refused', `Bot ${bot.name} is ${bot.status}; start it to trade alerts`), masked);
    const maxAge = this.#maxAgeSeconds();
    const now = this.#clock.now();
    if (maxAge > 0 && command.time !== null && now - command.time > maxAge * 1000) {
      return this.refuse(source, bot.id, reply(422, 'stale', `Alert is ${Math.round((now - command.time) / 1000)} s old; the limit is ${maxAge} s`), masked);
    }
    if (command.time !== null && command.time - now > MAX_AHEAD_MS) {
      const ahead = Math.round((command.time - now) / 1000);
      return this.refuse(source, bot.id, reply(422, 'invalid', `Alert time is ${ahead} s ahead of this computer's clock; the limit is ${MAX_AHEAD_MS / 1000} s. Check the clock or the alert's time field`), masked);
    }
    // A 2xx promises the alert is stored and will be acted on: what can be known wrong now is refused now.
    const problem = await this.#executor.check(bot, command);
    // A reason may quote a field (the ticker, say) that carries the passphrase by mistake.
    if (problem) return this.refuse(source, bot.id, reply(422, 'refused', redact(problem, [command.passphrase])), masked);
    // Nothing is written on a full disk: 503 makes TradingView send the alert again later.
    if (this.#storage?.writable === false) return reply(503, 'error', 'The disk is full; the alert was not recorded: send it again');
    return this.#commit(source, bot, command, body, masked, now);
  }

  /**
   * Acts on the alerts that were answered 2xx but not acted on before the app stopped. Their
   * orders carry ids derived from the alert, so one that was placed already is not placed again.
   * One older than the age limit with no leg placed yet is refused: it would trade at today's price.
   */
  async recover(): Promise<number> {
    const pending = await pendingAlerts(this.#db);
    for (const alert of pending) {
      const sender = await this.#senders.find(alert.botId);
      const command = { ...(JSON.parse(alert.commandJson) as Omit<AlertCommand, 'passphrase'>), passphrase: '' };
      if (sender?.bot.status === 'running') {
        await this.#act(sender.bot, command, alert, 'restart');
      } else {
        await this.#journal.finish({ alertId: alert.id, logId: alert.logId, ...(await stoppedBefore(this.#db, alert.id)) });
      }
    }
    return pending.length;
  }

  /** Resolves once every accepted alert has been acted on (for a clean shutdown). */
  drained(): Promise<void> {
    return this.#executions;
  }

  /** Logs a refused request; a failure to log is reported but changes nothing of the answer. */
  async refuse(source: string, botId: string | null, answer: IntakeReply, maskedBody: string): Promise<IntakeReply> {
    this.#onRefused?.(botId, answer);
    // On a full disk refusals go unlogged: a flood would otherwise cost a failed write and a log line each.
    if (this.#storage?.writable === false) return answer;
    try {
      await insertLogEntry(this.#db, { ts: this.#clock.now(), source, botId, statusCode: answer.statusCode, outcome: answer.body.status, reason: answer.body.message, body: maskedBody, alertId: null });
      this.#bus.emit('change', { topic: 'webhooks', ...(botId ? { botId } : {}) });
    } catch (error) {
      this.#logger.error('Could not log a refused webhook request', { source, error });
    }
    return answer;
  }

  async #commit(source: string, bot: Bot, command: AlertCommand, body: string, masked: string, now: number): Promise<IntakeReply> {
    // Hashed: an id is the sender's text, and may carry the passphrase by mistake.
    const dedupeKey = command.id !== null ? `id:${bot.id}:${sha256(command.id)}` : `body:${sha256(body)}`;
    const { passphrase: _secret, ...stored } = command;
    let committed: Recorded;
    try {
      committed = await this.#journal.record({
        alert: { dedupeKey, botId: bot.id, receivedAt: now, commandJson: redact(JSON.stringify(stored), [command.passphrase]) },
        log: { ts: now, source, botId: bot.id, statusCode: 200, body: masked },
      });
    } catch (error) {
      this.#logger.error('Could not record an alert; TradingView will resend it', { botId: bot.id, error });
      return reply(503, 'error', 'The alert could not be recorded; send it again');
    }
    this.#bus.emit('change', { topic: 'webhooks', botId: bot.id });
    const { alertId, logId } = committed;
    if (alertId === null) return reply(200, 'duplicate', 'Already received; not traded again');
    return {
      statusCode: 200,
      body: { status: 'accepted', message: 'Alert accepted', alertId },
      act: () => {
        const run = this.#executions.then(yieldToIo).then(() => this.#act(bot, command, { id: alertId, logId, receivedAt: now }, 'queue'));
        // One failed execution (reported by the caller) must not stop the ones queued after it.
        this.#executions = run.catch(() => undefined);
        return run;
      },
    };
  }

  /** The trader sees why an accepted alert is not done yet; it stays pending and is resumed at the next start. */
  async #noteWaiting(botId: string, logId: number | null, reason: string | null, orderIds: string[]): Promise<void> {
    if (logId === null) return;
    try {
      await finishLogEntry(this.#db, logId, 'accepted', `${reason ?? 'Not done yet'}; it will be resumed when StoxRobot next starts`, orderIds);
      this.#bus.emit('change', { topic: 'webhooks', botId });
    } catch (error) {
      this.#logger.error('Could not note a waiting alert in the webhook log', { logId, error });
    }
  }

  /** A full disk holds an accepted alert (and the ones behind it) and runs it again once space returns. */
  async #act(bot: Bot, command: AlertCommand, alert: { id: number; logId: number | null; receivedAt: number }, waited: 'restart' | 'queue'): Promise<void> {
    const { id: alertId, logId } = alert;
    const held = (error: unknown) => this.#logger.error('The disk is full: an accepted alert waits for space and will be acted on then', { alertId, error });
    let result: Execution;
    try {
      const late = await tooOldToStart(this.#db, alert, this.#clock.now(), this.#maxAgeSeconds(), waited);
      result = late ? { outcome: 'refused', reason: late, orderIds: [] } : await writeWhenSpace(this.#storage, () => this.#executor.execute(bot, command, alertId), held);
    } catch (error) {
      // Left pending: the stored legs are run again at the next start, and placed legs are not doubled.
      const { message } = reportUnexpected(this.#logger, 'Alert execution failed; it will be resumed at the next start', error, { botId: bot.id, alertId });
      return this.#noteWaiting(bot.id, logId, message, []);
    }
    if (result.outcome === 'pending') {
      this.#logger.warn('Alert waits for the venue; it will be resumed at the next start', { alertId, reason: result.reason });
      return this.#noteWaiting(bot.id, logId, result.reason, result.orderIds);
    }
    const finished = { alertId, logId, outcome: result.outcome, reason: result.reason, orderIds: result.orderIds };
    await writeWhenSpace(this.#storage, () => this.#journal.finish(finished), held);
    this.#bus.emit('change', { topic: 'webhooks', botId: bot.id });
  }

}
