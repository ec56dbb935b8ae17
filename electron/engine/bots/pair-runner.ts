import type { Candle } from '../../../shared/domain/candle.ts';
import type { PairStrategy } from '../strategies/arbitrage.ts';
import type { HedgeState, PairExecutor } from './pair-executor.ts';

const FLAT_LEGS = { a: { qty: 0, avgPx: 0 }, b: { qty: 0, avgPx: 0 } };

/**
 * A live arbitrage bot: closed bars from its two feeds in, paired by open time, the pair strategy's
 * intents traded by the executor. Bars are handled one at a time, in the order they arrive, so two
 * feeds closing together never trade the legs twice. A bar only one feed had is dropped when the
 * other feed moves past it (there is nothing to compare it with).
 */
export class PairRunner {
  readonly #strategy: PairStrategy;
  readonly #executor: PairExecutor;
  readonly #latest: { a: Candle | null; b: Candle | null } = { a: null, b: null };
  #turn: Promise<unknown> = Promise.resolve();

  constructor(strategy: PairStrategy, executor: PairExecutor) {
    this.#strategy = strategy;
    this.#executor = executor;
  }

  /**
   * Warms the strategy on both feeds' recent bars (seen flat: they describe the past), then checks
   * the legs: after a crash between two legs, the one left alone is closed here, and the trader told.
   */
  start(historyA: readonly Candle[], historyB: readonly Candle[]): Promise<HedgeState> {
    const byTime = new Map(historyB.map((candle) => [candle.ts, candle]));
    for (const a of historyA) {
      const b = byTime.get(a.ts);
      if (b) this.#strategy.onBars(a, b, FLAT_LEGS);
    }
    return this.#inTurn(() => this.#executor.repair());
  }

  /** One closed bar of leg A's or leg B's feed; resolves with the legs' state once any trade is done. */
  onClosedBar(leg: 'a' | 'b', candle: Candle): Promise<HedgeState | null> {
    return this.#inTurn(() => this.#pair(leg, { ...candle }));
  }

  async #pair(leg: 'a' | 'b', candle: Candle): Promise<HedgeState | null> {
    this.#latest[leg] = candle;
    const { a, b } = this.#latest;
    if (!a || !b || a.ts !== b.ts) return null;
    this.#latest.a = this.#latest.b = null;
    const intent = this.#strategy.onBars(a, b, this.#executor.positions());
    // No signal still re-checks the legs: a leg that was waiting on an order in flight is settled now.
    return intent ? this.#executor.follow(intent) : this.#executor.repair();
  }

  #inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#turn.then(work);
    this.#turn = next.catch(() => undefined);
    return next;
  }
}
