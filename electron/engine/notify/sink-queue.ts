import type { NotifyEvent } from './notify-event.ts';

/** Where notifications go (alerts centre, Telegram, desktop). It may fail or hang: its queue absorbs that. */
export interface NotifySink {
  readonly name: string;
  /** Whether this sink wants this kind now (its toggles). */
  wants(event: NotifyEvent): boolean;
  /** Delivers a batch (several events may be joined into one message); rejects or ignores the abort on failure. */
  deliver(batch: readonly NotifyEvent[], signal: AbortSignal): Promise<void>;
}

export interface SinkQueueOptions {
  /** Events waiting beyond this are dropped, oldest first (and counted). */
  capacity: number;
  /** Largest batch one delivery carries. */
  batchSize: number;
  /** A delivery taking longer is aborted and counted as failed. */
  timeoutMs: number;
  onFailure: (sink: string, error: unknown) => void;
}

/**
 * One sink's own queue and worker: `push` never waits, so a slow or failing sink never holds the
 * engine nor another sink. Bounded so a sink that is down for hours cannot eat the memory.
 */
export class SinkQueue {
  readonly #sink: NotifySink;
  readonly #options: SinkQueueOptions;
  readonly #waiting: NotifyEvent[] = [];
  #running: Promise<void> | null = null;
  #dropped = 0;
  #failed = 0;
  #closed = false;
  #inFlight: AbortController | null = null;

  constructor(sink: NotifySink, options: SinkQueueOptions) {
    this.#sink = sink;
    this.#options = options;
  }

  get stats(): { waiting: number; dropped: number; failed: number } {
    return { waiting: this.#waiting.length, dropped: this.#dropped, failed: this.#failed };
  }

  push(event: NotifyEvent): void {
    if (this.#closed || !this.#sink.wants(event)) return;
    this.#waiting.push(event);
    if (this.#waiting.length > this.#options.capacity) {
      this.#waiting.shift();
      this.#dropped += 1;
    }
    this.#running ??= this.#drain().finally(() => (this.#running = null));
  }

  /** Resolves once everything pushed so far was delivered, failed or dropped. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /**
   * Takes no more events. `drain`: what waits is still delivered (the local alerts centre);
   * otherwise it is dropped and a delivery in flight is aborted (a remote sink must not hold a shutdown).
   */
  async close(drain: boolean): Promise<void> {
    this.#closed = true;
    if (!drain) {
      this.#dropped += this.#waiting.splice(0).length;
      this.#inFlight?.abort(new Error(`${this.#sink.name}: the engine is stopping`));
    }
    await this.idle();
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#options.batchSize);
      const controller = new AbortController();
      this.#inFlight = controller;
      const timer = setTimeout(() => controller.abort(new Error(`${this.#sink.name} took over ${this.#options.timeoutMs} ms`)), this.#options.timeoutMs);
      try {
        // A sink that ignores the abort still frees its queue: the race ends at the timeout.
        await Promise.race([this.#sink.deliver(batch, controller.signal), aborted(controller.signal)]);
      } catch (error) {
        this.#failed += 1;
        this.#options.onFailure(this.#sink.name, error);
      } finally {
        clearTimeout(timer);
        this.#inFlight = null;
      }
    }
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}
