import type { CandleUpdate } from '../../shared/domain/candle.ts';
import type { EngineEvent } from '../../shared/contract/engine.ts';

export interface EngineEvents {
  change: EngineEvent;
  candle: CandleUpdate;
}

type Listener<T> = (payload: T) => void;

/**
 * In-process publish/subscribe. A listener that throws is logged and skipped, so one broken
 * subscriber (a closed socket, say) never stops the others or the engine.
 */
export class EventBus {
  readonly #listeners: { [K in keyof EngineEvents]: Set<Listener<EngineEvents[K]>> } = { change: new Set(), candle: new Set() };
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof EngineEvents>(topic: K, listener: Listener<EngineEvents[K]>): () => void {
    this.#listeners[topic].add(listener);
    return () => this.#listeners[topic].delete(listener);
  }

  emit<K extends keyof EngineEvents>(topic: K, payload: EngineEvents[K]): void {
    for (const listener of this.#listeners[topic]) {
      try {
        listener(payload);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
