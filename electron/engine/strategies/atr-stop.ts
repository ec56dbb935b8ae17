import type { Candle } from '../../../shared/domain/candle.ts';
import { Atr } from '../indicators/atr.ts';
import type { Intent } from './strategy.ts';

/** A stop-loss `multiple` ATRs from the entry bar's close, on the losing side (0 = no stop). */
export class AtrStop {
  readonly #atr: Atr;
  readonly #multiple: number;
  #value: number | null = null;

  constructor(period: number, multiple: number) {
    this.#atr = new Atr(period);
    this.#multiple = multiple;
  }

  /** Call on every bar, so the ATR is current when an entry comes. */
  update(candle: Candle): void {
    this.#value = this.#atr.update(candle.high, candle.low, candle.close);
  }

  /** The entry with its stop-loss price; unchanged for an exit, without a stop, or before the ATR is warm. */
  attach(intent: Intent, close: number): Intent {
    if (this.#multiple === 0 || this.#value === null || intent.target === 'flat') return intent;
    const distance = this.#multiple * this.#value;
    const stopLoss = intent.target === 'long' ? close - distance : close + distance;
    // A long stop at or below zero can never trigger: leave it out rather than pretend to protect.
    if (!(stopLoss > 0) || !Number.isFinite(stopLoss)) return intent;
    return { ...intent, stopLoss };
  }
}
