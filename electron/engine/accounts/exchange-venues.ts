import type { Logger } from '../ports/logger.ts';
import type { Reconciler } from '../execution/reconciliation/reconciler.ts';
import type { ReconcileOrders } from '../execution/reconciliation/target.ts';
import type { ExchangeConnector } from '../venues/exchange.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import type { ExchangeAccountService } from './exchange-accounts.service.ts';

export interface ExchangeVenuesDeps {
  accounts: Pick<ExchangeAccountService, 'list' | 'config' | 'credentials' | 'onChange'>;
  connector: Pick<ExchangeConnector, 'openVenue'>;
  venues: VenueRegistry;
  reconciliation: Pick<Reconciler, 'register' | 'unregister'>;
  orders: ReconcileOrders;
  lastPrice(symbol: string): number | null;
  logger: Logger;
  /** The exchange refused the account's keys: its bots must stop and the trader be told. */
  onAuthFailed(accountId: string, reason: string): void;
  retryFirstMs?: number;
  retryMaxMs?: number;
}

/** Whether an exchange account's venue is open, and why not. */
export interface ExchangeVenueState {
  accountId: string;
  connected: boolean;
  /** What the last attempt to open the venue met, in the trader's words; null when connected. */
  problem: string | null;
  /** When the next attempt is due (wall ms), or null when none is scheduled. */
  retryAt: number | null;
}

/**
 * Keeps a venue open for every exchange account: opened at start and again whenever the account
 * changes (new keys, options), closed when it is removed. An account whose venue cannot be opened
 * (the exchange unreachable, the keychain locked) stays unconnected, so its bots' orders are
 * refused with that reason, and is tried again with backoff; refused keys are not retried. Each
 * account's steps run one at a time, so a change during an open never leaves two venues behind.
 */
export class ExchangeVenues {
  readonly #deps: Required<ExchangeVenuesDeps>;
  readonly #states = new Map<string, ExchangeVenueState & { attempts: number; timer: NodeJS.Timeout | null }>();
  readonly #queues = new Map<string, Promise<void>>();
  readonly #exchanges = new Map<string, string>();
  #stopped = false;

  constructor(deps: ExchangeVenuesDeps) {
    this.#deps = { retryFirstMs: 2_000, retryMaxMs: 5 * 60_000, ...deps };
    deps.accounts.onChange(({ accountId, change }) => void this.#enqueue(accountId, () => (change === 'removed' ? this.#close(accountId) : this.#open(accountId))));
  }

  /** Opens every account's venue; resolves when each has been tried once (connected or not). */
  async start(): Promise<void> {
    await Promise.all((await this.#deps.accounts.list()).map(({ id }) => this.#enqueue(id, () => this.#open(id))));
  }

  /** The exchange a connected account trades on; undefined for an account that is not an open exchange account. */
  exchangeOf(accountId: string): string | undefined {
    return this.#exchanges.get(accountId);
  }

  states(): ExchangeVenueState[] {
    return [...this.#states.values()].map(({ accountId, connected, problem, retryAt }) => ({ accountId, connected, problem, retryAt }));
  }

  /** Closes every exchange venue (the engine is stopping); nothing is opened afterwards. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const state of this.#states.values()) if (state.timer) clearTimeout(state.timer);
    await Promise.all([...this.#states.keys()].map((accountId) => this.#enqueue(accountId, () => this.#close(accountId), true)));
  }

  #enqueue(accountId: string, step: () => Promise<void>, evenWhenStopped = false): Promise<void> {
    const run = async () => {
      if (this.#stopped && !evenWhenStopped) return;
      try {
        await step();
      } catch (error) {
        this.#deps.logger.error('An exchange account’s venue could not be opened or closed', { accountId, error });
      }
    };
    const next = (this.#queues.get(accountId) ?? Promise.resolve()).then(run);
    this.#queues.set(accountId, next);
    return next;
  }

  async #close(accountId: string): Promise<void> {
    const state = this.#states.get(accountId);
    if (state?.timer) clearTimeout(state.timer);
    this.#states.delete(accountId);
    this.#exchanges.delete(accountId);
    await this.#deps.reconciliation.unregister(accountId);
    await this.#deps.venues.remove(accountId);
  }

  async #open(accountId: string): Promise<void> {
    const { accounts, connector, venues, reconciliation } = this.#deps;
    const attempts = this.#states.get(accountId)?.attempts ?? 0;
    await this.#close(accountId);
    const config = await accounts.config(accountId);
    if (!config.ok) return; // removed meanwhile
    const credentials = await accounts.credentials(accountId);
    if (!credentials.ok) return this.#failed(accountId, attempts, credentials.error.message, true);
    const opened = await connector.openVenue(config.value, credentials.value);
    if (!opened.ok) {
      const auth = opened.error.details?.auth === true;
      if (auth) this.#deps.onAuthFailed(accountId, opened.error.message);
      return this.#failed(accountId, attempts, opened.error.message, !auth);
    }
    const venue = opened.value;
    venue.onEvent((event) => {
      if (event.kind === 'connection' && event.state === 'auth_failed') this.#deps.onAuthFailed(accountId, event.reason ?? 'The exchange refused the account’s API keys');
    });
    venues.add(accountId, venue);
    this.#exchanges.set(accountId, config.value.exchangeId);
    this.#states.set(accountId, { accountId, connected: true, problem: null, retryAt: null, attempts: 0, timer: null });
    this.#deps.logger.info('Exchange account connected', { accountId, exchange: config.value.exchangeId });
    await reconciliation.register({ accountId, venue, orders: this.#deps.orders, lastPrice: this.#deps.lastPrice });
  }

  #failed(accountId: string, attempts: number, problem: string, retry: boolean): void {
    const { retryFirstMs, retryMaxMs, logger } = this.#deps;
    const delay = Math.min(retryMaxMs, retryFirstMs * 2 ** attempts);
    const timer = retry && !this.#stopped ? setTimeout(() => void this.#enqueue(accountId, () => this.#open(accountId)), delay) : null;
    timer?.unref();
    this.#states.set(accountId, { accountId, connected: false, problem, retryAt: timer ? Date.now() + delay : null, attempts: attempts + 1, timer });
    logger.warn('Exchange account not connected', { accountId, problem, retryInMs: timer ? delay : null });
  }
}
