import type { Clock } from '../../ports/clock.ts';

/**
 * When each symbol's price last arrived, in wall time: a feed that stalls leaves the last price in
 * place, so its age is the only sign the governor's figures may be stale.
 */
export class PriceFreshness {
  readonly #clock: Clock;
  readonly #seenAt = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Called with every price update. */
  readonly note = (symbol: string): void => {
    this.#seenAt.set(symbol, this.#clock.now());
  };

  /** Milliseconds since the symbol's last price arrived; null when none has arrived since the engine started. */
  ageMs(symbol: string): number | null {
    const seen = this.#seenAt.get(symbol);
    return seen === undefined ? null : Math.max(0, this.#clock.now() - seen);
  }
}
