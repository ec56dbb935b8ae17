type Act = () => Promise<void>;

/** The longest an accepted alert waits for the other alerts' answers before it trades anyway. */
export const MAX_HOLD_MS = 250;

/**
 * Acks before orders. An execution writes orders synchronously (SQLite), so each one started
 * during a burst delays every answer still owed; TradingView drops an alert not answered within
 * 3 s. Executions of accepted alerts are therefore held while other authenticated alerts still
 * wait for their answer, and released together, in the order they were accepted, as soon as none
 * does, or after MAX_HOLD_MS at the latest, so a steady stream of alerts cannot starve trading.
 */
export class ExecutionGate {
  readonly #onError: (error: unknown) => void;
  readonly #maxHoldMs: number;
  #held: Act[] = [];
  #owed = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(onError: (error: unknown) => void, maxHoldMs = MAX_HOLD_MS) {
    this.#onError = onError;
    this.#maxHoldMs = maxHoldMs;
  }

  /** An authenticated alert is being handled: its answer is owed. */
  owe(): void {
    this.#owed += 1;
  }

  /** Its answer was sent (or the request ended without one). */
  paid(): void {
    this.#owed -= 1;
    if (this.#owed === 0) this.release();
  }

  hold(act: Act): void {
    this.#held.push(act);
    if (this.#owed === 0) this.release();
    else this.#timer ??= setTimeout(() => this.release(), this.#maxHoldMs).unref();
  }

  /** Starts every held execution, in order (the intake runs them one after another). */
  release(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const acts = this.#held;
    this.#held = [];
    for (const act of acts) act().catch(this.#onError);
  }
}
