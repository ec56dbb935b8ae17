import type { Kysely } from 'kysely';
import type { EmergencyLevel, EmergencyStopStatus } from '../../../shared/contract/risk.ts';
import type { EventBus } from '../event-bus.ts';
import type { OrderManager } from '../execution/order-manager.ts';
import { appendAudit } from '../persistence/audit.repository.ts';
import type { Database } from '../persistence/database.ts';
import { deleteStop, readStop, writeStop, type StoredStop } from '../persistence/emergency-stop.repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { VenueRegistry } from '../venues/venue-registry.ts';
import { cancelRound, flattenRound } from './emergency-sweep.ts';

const RANK: Record<EmergencyLevel, number> = { block: 1, cancel: 2, flatten: 3 };

export interface SweepPacing {
  /** Wait after the first round that left work, doubled after each further one up to `maxMs` (wall time). */
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_PACING: SweepPacing = { firstMs: 250, maxMs: 30_000 };

interface Progress {
  openOrdersLeft: number | null;
  positionsLeft: number | null;
  done: boolean;
  lastError: string | null;
}

/** A block has nothing to sweep: it is done the moment it holds. */
const idle = (level: EmergencyLevel | null = null): Progress => ({ openOrdersLeft: null, positionsLeft: null, done: level === 'block', lastError: null });

/**
 * The trader's emergency stop. The block is an in-memory flag read by the order path on every new
 * order, so it holds from the moment `engage` is called, for alerts already being acted on too;
 * the stored row makes it survive a crash, and only `lift` removes it. Cancel and flatten run as a
 * sweep that repeats, with a growing pause, until the venues show no open order and no position.
 */
export class EmergencyStop {
  readonly #deps: { db: Kysely<Database>; orders: OrderManager; venues: VenueRegistry; bus: EventBus; clock: Clock; logger: Logger; pacing: SweepPacing };
  #stop: StoredStop | null = null;
  #progress: Progress = idle();
  /** Bumped by every engage, lift and close: a sweep of an older generation ends at its next step. */
  #generation = 0;
  #sweep: Promise<void> = Promise.resolve();
  #wake: (() => void) | null = null;
  /** The flatten's own closes: the cancel rounds leave them to fill. */
  readonly #closes = new Set<string>();
  readonly #listeners: ((change: { level: EmergencyLevel | null; by: string; at: number }) => void)[] = [];

  constructor(deps: { db: Kysely<Database>; orders: OrderManager; venues: VenueRegistry; bus: EventBus; clock: Clock; logger: Logger; pacing?: Partial<SweepPacing> }) {
    this.#deps = { ...deps, pacing: { ...DEFAULT_PACING, ...deps.pacing } };
  }

  /** At start, before anything can trade: a stop stored before a crash or a restart is in force again. */
  async restore(): Promise<void> {
    this.#stop = await readStop(this.#deps.db);
    this.#progress = idle(this.#stop?.level);
  }

  /** Once every account's venue is open: the sweep of a restored stop goes on where it was. */
  async resume(): Promise<void> {
    if (!this.#stop) return;
    await this.#audit('emergency_stop.resumed', { level: this.#stop.level, since: this.#stop.since, by: this.#stop.by });
    this.#logger.warn('An emergency stop is still in force from before the restart: no new entries until the trader lifts it', { level: this.#stop.level });
    this.#startSweep();
  }

  /** Why a new entry is refused now, or null. Reduce-only orders (closes) are never refused here. */
  refusal(reduceOnly: boolean): string | null {
    if (!this.#stop || reduceOnly) return null;
    return `Emergency stop (${this.#stop.level}) in force since ${new Date(this.#stop.since).toISOString()}: no new entry is placed until the trader lifts it`;
  }

  /** Told when a stop is engaged or raised (level) and when it is lifted (null); for notifications. */
  onChange(listener: (change: { level: EmergencyLevel | null; by: string; at: number }) => void): void {
    this.#listeners.push(listener);
  }

  get level(): EmergencyLevel | null {
    return this.#stop?.level ?? null;
  }

  status(): EmergencyStopStatus {
    const stop = this.#stop;
    return { level: stop?.level ?? null, since: stop?.since ?? null, by: stop?.by ?? null, progress: { ...this.#progress } };
  }

  /** Idempotent: a level at or below the one in force changes nothing; a higher one adds its work. */
  async engage(level: EmergencyLevel, by: string): Promise<EmergencyStopStatus> {
    const current = this.#stop;
    if (current && RANK[current.level] >= RANK[level]) return this.status();
    // Set before any await: from here on every new entry is refused.
    this.#stop = { level, since: current?.since ?? this.#deps.clock.now(), by: current?.by ?? by };
    this.#progress = idle(level);
    // A failed write (a full disk) leaves the stop in force here: refusing it would leave trading on.
    const unsaved = await writeStop(this.#deps.db, this.#stop).then(
      () => null,
      (error: unknown) => error,
    );
    if (unsaved) {
      this.#logger.error('The emergency stop holds but could not be saved', { error: unsaved });
      this.#progress.lastError = 'The stop holds now but could not be saved (is the disk full?): if StoxRobot restarts before it is saved, it is no longer in force. Press it again once the disk has space.';
    }
    await this.#audit('emergency_stop.engaged', { level, by, previous: current?.level ?? null });
    this.#logger.warn('Emergency stop engaged', { level, by });
    this.#startSweep();
    this.#changed({ level, by });
    return this.status();
  }

  /** Only the trader lifts a stop; trading resumes as before (bots that were running trade again). */
  async lift(by: string): Promise<EmergencyStopStatus> {
    const current = this.#stop;
    if (!current) return this.status();
    this.#generation += 1;
    this.#wake?.();
    // Cleared before the await: a stop pressed while the row is being deleted is written after it, and holds.
    this.#stop = null;
    this.#progress = idle();
    this.#closes.clear();
    try {
      await deleteStop(this.#deps.db);
    } catch (error) {
      // Still stored: the stop stays in force here too (unless pressed again meanwhile), so this run and the next start agree.
      this.#stop ??= current;
      throw error;
    }
    await this.#audit('emergency_stop.lifted', { level: current.level, since: current.since, by });
    this.#logger.warn('Emergency stop lifted', { by });
    this.#changed({ level: null, by });
    return this.status();
  }

  /** Resolves once the sweep in progress has ended (tests; engine stop). */
  settled(): Promise<void> {
    return this.#sweep;
  }

  async close(): Promise<void> {
    this.#generation += 1;
    this.#wake?.();
    await this.#sweep;
  }

  get #logger(): Logger {
    return this.#deps.logger;
  }

  #startSweep(): void {
    const generation = ++this.#generation;
    this.#wake?.();
    this.#sweep = this.#sweep.then(() => this.#run(generation)).catch((error: unknown) => this.#logger.error('The emergency stop sweep failed', { error }));
  }

  async #run(generation: number): Promise<void> {
    let pause = this.#deps.pacing.firstMs;
    while (generation === this.#generation && this.#stop && this.#stop.level !== 'block') {
      const flatten = this.#stop.level === 'flatten';
      // Each round counts what it finds before acting: done is a round that found nothing left.
      const round = { ...this.#deps, stillOn: () => generation === this.#generation };
      const canceled = await cancelRound(round, this.#closes);
      const flattened = flatten ? await flattenRound(round, this.#closes) : { left: 0, acted: [], errors: [] };
      const errors = [...canceled.errors, ...flattened.errors];
      const done = canceled.left === 0 && flattened.left === 0;
      if (generation !== this.#generation) return;
      this.#progress = { openOrdersLeft: canceled.left, positionsLeft: flatten ? flattened.left : null, done, lastError: done ? null : (errors.at(-1) ?? this.#progress.lastError) };
      await this.#audit(done ? 'emergency_stop.done' : 'emergency_stop.round', { level: this.#stop.level, openOrdersFound: canceled.left, canceled: canceled.acted, positionsFound: flattened.left, closes: flattened.acted, errors });
      this.#changed();
      if (done) return;
      await this.#sleep(pause);
      pause = Math.min(pause * 2, this.#deps.pacing.maxMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #audit(action: string, detail: Record<string, unknown>): Promise<void> {
    await appendAudit(this.#deps.db, this.#deps.clock.now(), { action, entity: 'emergency_stop', entityId: '1', detail }).catch((error: unknown) => this.#logger.error('Could not write the emergency stop to the audit log', { action, error }));
  }

  /** `told`: an engage or a lift, which listeners hear of; sweep progress only refreshes the views. */
  #changed(told?: { level: EmergencyLevel | null; by: string }): void {
    this.#deps.bus.emit('change', { topic: 'risk' });
    if (!told) return;
    const change = { ...told, at: this.#deps.clock.now() };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#logger.error('An emergency stop listener failed', { error });
      }
    }
  }
}
