import type { Logger } from '../ports/logger.ts';
import { isOutOfSpace } from './out-of-space.ts';

export interface StorageStatus {
  status: 'ok' | 'full';
  /** What the trader reads in the banner while the disk is full. */
  message: string | null;
}

/** What a writer needs to know about the disk: whether it is full, and when it no longer is. */
export interface StorageGate {
  readonly writable: boolean;
  /** Throws `DiskFullError` while the disk is known to be full: for work that must not even begin (an order). */
  assertWritable(): void;
  /** True when `error` is a write refused for lack of space; the gate then stays closed until a probe write succeeds. */
  noteFailure(error: unknown): boolean;
  /** Resolves once a probe write succeeds; rejects with `StorageClosedError` if the engine stops first. */
  whenWritable(): Promise<void>;
}

/** Refuses work up front while the disk is full; it reads like SQLITE_FULL, so it is handled like one. */
export class DiskFullError extends Error {
  readonly code = 'SQLITE_FULL';
}

export class StorageClosedError extends Error {
  constructor() {
    super('The engine stopped while the disk was full; the write was not made');
  }
}

/** How often a full disk is probed for space; writes resume at the first probe that succeeds. */
export const PROBE_INTERVAL_MS = 5_000;

/**
 * The engine's view of its disk. The first write refused for lack of space closes the gate: bots
 * pause, alerts are answered 503, the UI shows the message. A probe write then runs every few
 * seconds; the first that succeeds opens the gate again and wakes every write held for it.
 */
export class StorageHealth implements StorageGate {
  readonly #dir: string;
  readonly #logger: Logger;
  readonly #probeIntervalMs: number;
  readonly #listeners = new Set<(status: StorageStatus) => void>();
  #probe: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;
  #waiters: { resolve(): void; reject(error: Error): void }[] = [];
  #full = false;
  #closed = false;

  constructor(deps: { dir: string; logger: Logger; probeIntervalMs?: number }) {
    this.#dir = deps.dir;
    this.#logger = deps.logger;
    this.#probeIntervalMs = deps.probeIntervalMs ?? PROBE_INTERVAL_MS;
  }

  get writable(): boolean {
    return !this.#full;
  }

  get status(): StorageStatus {
    return this.#full ? { status: 'full', message: `The disk is full: StoxRobot paused trading. Free space on ${this.#dir}; trading resumes by itself.` } : { status: 'ok', message: null };
  }

  assertWritable(): void {
    if (this.#full) throw new DiskFullError(this.status.message ?? 'The disk is full');
  }

  /** The write the probe makes; it must need fresh space (new pages), not fit in what is free inside the file. */
  useProbe(probe: () => Promise<void>): void {
    this.#probe = probe;
  }

  onChange(listener: (status: StorageStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  noteFailure(error: unknown): boolean {
    if (!isOutOfSpace(error, this.#dir)) return false;
    if (!this.#full && !this.#closed) {
      this.#full = true;
      this.#logger.error(this.status.message ?? 'The disk is full', { error });
      this.#timer = setInterval(() => void this.probe(), this.#probeIntervalMs).unref();
      this.#notify();
    }
    return true;
  }

  whenWritable(): Promise<void> {
    if (this.#closed) return Promise.reject(new StorageClosedError());
    if (!this.#full) return Promise.resolve();
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** One probe write; opens the gate when it succeeds. A failed probe keeps it closed (and is noted like any write). */
  async probe(): Promise<boolean> {
    if (!this.#full) return true;
    try {
      await this.#probe?.();
    } catch (error) {
      if (!this.noteFailure(error)) this.#logger.error('The disk probe failed', { error });
      return false;
    }
    if (!this.#full) return true;
    this.#full = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#logger.info('Disk space is back: StoxRobot resumed writing and trading', { dir: this.#dir });
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
    this.#notify();
    return true;
  }

  /** Stops probing; writes still held are released with `StorageClosedError` so shutdown never waits on the disk. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(new StorageClosedError());
  }

  #notify(): void {
    const status = this.status;
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch (error) {
        this.#logger.error('A storage listener failed', { error });
      }
    }
  }
}

/**
 * Runs a write that must not be lost (a fill, an alert's outcome): while it fails for lack of
 * space, `onHeld` reports it and it runs again once space returns. Without a gate it runs once.
 */
export async function writeWhenSpace<T>(gate: StorageGate | undefined, write: () => Promise<T>, onHeld: (error: unknown) => void): Promise<T> {
  for (;;) {
    try {
      return await write();
    } catch (error) {
      if (!gate?.noteFailure(error)) throw error;
      onHeld(error);
      await gate.whenWritable();
    }
  }
}
