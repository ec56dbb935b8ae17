import type { Logger } from '../ports/logger.ts';
import type { NotifyEvent } from './notify-event.ts';
import { SinkQueue, type NotifySink, type SinkQueueOptions } from './sink-queue.ts';

const DEFAULTS = { capacity: 200, batchSize: 20, timeoutMs: 10_000 };

/** Fans engine events out to every sink, each behind its own bounded queue. Never throws, never waits. */
export class Notifier {
  readonly #queues = new Map<string, SinkQueue>();
  readonly #logger: Logger;
  readonly #options: Omit<SinkQueueOptions, 'onFailure'>;

  constructor(deps: { logger: Logger; options?: Partial<Omit<SinkQueueOptions, 'onFailure'>> }) {
    this.#logger = deps.logger;
    this.#options = { ...DEFAULTS, ...deps.options };
  }

  add(sink: NotifySink, options: Partial<Omit<SinkQueueOptions, 'onFailure'>> = {}): void {
    const onFailure = (name: string, error: unknown) => this.#logger.warn('A notification could not be delivered', { sink: name, reason: error instanceof Error ? error.message : 'unknown' });
    this.#queues.set(sink.name, new SinkQueue(sink, { ...this.#options, ...options, onFailure }));
  }

  notify(event: NotifyEvent): void {
    for (const queue of this.#queues.values()) {
      try {
        queue.push(event);
      } catch (error) {
        // A sink's toggle check that throws is a bug in that sink; the others still hear of the event.
        this.#logger.error('A notification sink failed', { error });
      }
    }
  }

  stats(name: string): SinkQueue['stats'] | undefined {
    return this.#queues.get(name)?.stats;
  }

  /** At shutdown: the sinks named in `drain` deliver what waits; the others are cut off at once. */
  async close(drain: readonly string[]): Promise<void> {
    await Promise.all([...this.#queues].map(([name, queue]) => queue.close(drain.includes(name))));
  }

  async idle(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((queue) => queue.idle()));
  }
}
