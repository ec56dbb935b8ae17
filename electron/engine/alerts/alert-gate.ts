import type { WebhookSettings } from '../../../shared/domain/webhook.ts';
import type { AlertSenders } from './alert-senders.ts';
import { readCredentials } from './parse-alert.ts';
import { passphraseMatches } from './passphrase.ts';
import { RateLimiter } from './rate-limiter.ts';

/**
 * Requests that prove no bot's passphrase (junk, scanners, typos) are logged at most this often,
 * all senders together: behind a tunnel they all share one address, so only a shared cap holds.
 */
export const NOISE_PER_SECOND = 1;
export const NOISE_BURST = 20;
const NOISE = 'noise';

export type GateDecision =
  /** Proven by a bot's passphrase and inside that bot's rate: on to the intake. */
  | { kind: 'alert'; botId: string }
  /** Unproven, inside the shared noise budget: the intake refuses and logs it with its reason. */
  | { kind: 'noise' }
  /** Over a limit: answered 429 here. */
  | { kind: 'limited'; botId: string | null; retryAfter: number };

/**
 * Rate limits that a flood cannot turn against real alerts: each bot has its own bucket, taken
 * only after its passphrase is checked, and unproven requests share one budget of their own, so
 * no amount of junk from any address makes an authenticated alert wait or fail.
 */
export class AlertGate {
  readonly #senders: AlertSenders;
  readonly #perBot = new RateLimiter(1, 1);
  readonly #noise = new RateLimiter(NOISE_PER_SECOND, NOISE_BURST);
  #unlogged = 0;

  constructor(senders: AlertSenders) {
    this.#senders = senders;
  }

  configure(settings: Pick<WebhookSettings, 'rateLimitPerSecond' | 'rateLimitBurst'>): void {
    this.#perBot.perSecond = settings.rateLimitPerSecond;
    this.#perBot.burst = settings.rateLimitBurst;
  }

  async admit(body: string): Promise<GateDecision> {
    const credentials = readCredentials(body);
    const sender = credentials ? await this.#senders.find(credentials.bot) : undefined;
    if (credentials && sender?.digest && passphraseMatches(sender.digest, credentials.passphrase)) {
      const botId = sender.bot.id;
      return this.#perBot.take(botId) ? { kind: 'alert', botId } : { kind: 'limited', botId, retryAfter: this.#perBot.retryAfter() };
    }
    return this.noiseAllowed() ? { kind: 'noise' } : { kind: 'limited', botId: null, retryAfter: this.#noise.retryAfter() };
  }

  /** One unproven request: true while the shared budget lasts (it is logged), false past it (it is not). */
  noiseAllowed(): boolean {
    if (this.#noise.take(NOISE)) return true;
    this.#unlogged += 1;
    return false;
  }

  /** How many unproven requests went unlogged since the last call. */
  takeUnlogged(): number {
    const count = this.#unlogged;
    this.#unlogged = 0;
    return count;
  }
}
