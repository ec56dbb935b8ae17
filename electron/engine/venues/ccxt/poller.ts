import { delay } from '../../../../shared/delay.ts';
import type { Logger } from '../../ports/logger.ts';
import type { VenueEvent } from '../venue.ts';
import type { Attempt } from './exchange-calls.ts';
import type { OrderWatch } from './order-watch.ts';

type LinkState = 'up' | 'lost' | 'auth_failed';

interface PollerDeps {
  watch: OrderWatch;
  /** A signed read, to learn when a lost link is back while no order is watched. */
  probe: () => Promise<Attempt<unknown>>;
  /** Makes an unexpected error's text safe to log (the account's keys cut out). */
  redact: (text: string) => string;
  intervalMs: number;
  emit: (event: VenueEvent) => void;
  now: () => number;
  signal: AbortSignal;
  logger: Logger;
}

/**
 * Polls the watched orders at a fixed pace and reports the link to the exchange as it changes:
 * `lost` when a pass fails, `restored` when one succeeds again (the engine then reconciles),
 * `auth_failed` when the keys are refused (by a poll or any other call).
 */
export class Poller {
  #state: LinkState = 'up';
  #loop: Promise<void> = Promise.resolve();
  readonly #deps: PollerDeps;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#loop = this.#run();
  }

  stopped(): Promise<void> {
    return this.#loop;
  }

  authFailed(reason: string): void {
    this.#change('auth_failed', reason);
  }

  /**
   * An order's fate is unknown (its reply was lost and no look-up answered): reported as a lost
   * link, so the account takes no new order and is reconciled (the order found or rejected) as
   * soon as a pass succeeds, even with no order left to watch.
   */
  outcomeUnknown(reason: string): void {
    if (this.#state === 'up') this.#change('lost', reason);
  }

  async #run(): Promise<void> {
    const { watch, probe, intervalMs, signal, logger } = this.#deps;
    while (!signal.aborted) {
      await delay(intervalMs, signal);
      const idle = watch.size === 0;
      if (signal.aborted || (idle && this.#state === 'up')) continue;
      try {
        const pass = idle ? await probe() : await watch.pollOnce();
        if (pass.ok) this.#change('up', null);
        else if (pass.failure.kind !== 'auth') this.#change('lost', pass.error.message);
      } catch (error) {
        logger.error('Polling the exchange failed unexpectedly', { error: this.#deps.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) });
      }
    }
  }

  #change(next: LinkState, reason: string | null): void {
    if (next === this.#state) return;
    this.#state = next;
    const state = next === 'up' ? 'restored' : next;
    this.#deps.emit({ kind: 'connection', state, reason, ts: this.#deps.now() });
  }
}
